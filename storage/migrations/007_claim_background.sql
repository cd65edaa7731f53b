-- Tariff claims that restate a measure already in force or past ("the 25% levy imposed in March",
-- "since Washington imposed 50% duties in June"): the digest may show them, alerts never send them as new.
ALTER TABLE tariff_claims ADD COLUMN background BOOLEAN NOT NULL DEFAULT false;

COMMENT ON COLUMN tariff_claims.background IS
    'True when the sentence restates a measure already in force or past; such a claim is never alerted as new.';
