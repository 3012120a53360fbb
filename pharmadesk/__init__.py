"""PharmaDesk: scan karekods, queue ITS notifications offline, sync them to ITS."""

__version__ = "0.1.0"
