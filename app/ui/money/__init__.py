"""The practice's money in the window: client accounts, class packs and credits, payments."""
