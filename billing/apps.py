from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"

    def ready(self) -> None:
        from jobs.customer_links import register_customer_link

        register_customer_link(
            "account",
            label="Account",
            url_name="billing:customer_account",
            permission="billing.view_receivables",
            icon="cash-coin",
            order=10,
        )
