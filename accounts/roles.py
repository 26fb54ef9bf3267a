"""The three roles of CredSly, held as Django groups so admins can see and change them."""
APPLICANT = "applicant"
LENDER = "lender"
ADMIN = "admin"
ALL_ROLES = (APPLICANT, LENDER, ADMIN)
# Who reads applicants' scores: lenders, and admins checking what lenders are shown.
READERS = (LENDER, ADMIN)
