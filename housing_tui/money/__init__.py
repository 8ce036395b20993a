"""Money: amounts in pounds and pence, Housing Benefit and Universal Credit size criteria and
LHA rates, Discretionary Housing Payments, rent deposits, and recharges with repayment plans."""
