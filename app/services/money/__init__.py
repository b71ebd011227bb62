"""The practice's money: payments and adjustments, class packs and credits, client accounts,
insurer and funder billing. Amounts are whole cents; one ledger of credits and purchases."""
