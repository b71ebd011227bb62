"""FrontDesk: the front desk of clinics and care providers."""

__version__ = "0.1.0"
