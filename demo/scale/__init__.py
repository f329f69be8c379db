"""The OMAN-250k dataset: a deterministic national-scale organisation and its learning records.

Everything is derived from one seed, the scale and an "as of" date, so two runs with the same three
produce identical rows. Bulk rows are streamed to PostgreSQL with COPY (psycopg 3); the secondary
indexes and constraints of the two big tables are dropped for the load and rebuilt afterwards,
which is several times faster than maintaining them row by row.

It lives in ``demo`` because it writes people *and* courses; ``people`` must not import ``courses``.
``dataset`` runs the phases in order; ``courses``, ``people`` and ``learning`` write the rows of each,
``bulk`` holds the PostgreSQL COPY helpers and ``shape`` the figures and names the data is drawn from.
"""
