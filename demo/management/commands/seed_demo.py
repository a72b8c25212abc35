from demo.builder import Command

__all__ = ["Command"]
