"""Dates: the injected clock, working days and bank holidays, the statutory deadlines of a case,
and what is due on it. (A subpackage, so it never shadows the standard library's calendar.)"""
