-- The dashboard's journal and snapshot tables in PostgreSQL, in pekko-persistence-jdbc's default
-- layout, in the connection's schema (its search_path). Every statement may run again on a
-- database that has them. Statements end with a semicolon at the end of a line.

-- Runs as one transaction: nodes starting together take turns, since concurrent CREATE TABLE IF
-- NOT EXISTS of one table can fail in PostgreSQL. The key is arbitrary, fixed for Pikko.
SELECT pg_advisory_xact_lock(7245616274);

CREATE TABLE IF NOT EXISTS event_journal (
    ordering BIGSERIAL NOT NULL UNIQUE,
    persistence_id VARCHAR(255) NOT NULL,
    sequence_number BIGINT NOT NULL,
    deleted BOOLEAN DEFAULT FALSE NOT NULL,
    writer VARCHAR(255) NOT NULL,
    write_timestamp BIGINT,
    adapter_manifest VARCHAR(255),
    event_ser_id INTEGER NOT NULL,
    event_ser_manifest VARCHAR(255) NOT NULL,
    event_payload BYTEA NOT NULL,
    meta_ser_id INTEGER,
    meta_ser_manifest VARCHAR(255),
    meta_payload BYTEA,
    PRIMARY KEY (persistence_id, sequence_number)
);

CREATE TABLE IF NOT EXISTS event_tag (
    event_id BIGINT NOT NULL,
    tag VARCHAR(256) NOT NULL,
    PRIMARY KEY (event_id, tag),
    CONSTRAINT fk_event_journal FOREIGN KEY (event_id) REFERENCES event_journal (ordering) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS snapshot (
    persistence_id VARCHAR(255) NOT NULL,
    sequence_number BIGINT NOT NULL,
    created BIGINT NOT NULL,
    snapshot_ser_id INTEGER NOT NULL,
    snapshot_ser_manifest VARCHAR(255) NOT NULL,
    snapshot_payload BYTEA NOT NULL,
    meta_ser_id INTEGER,
    meta_ser_manifest VARCHAR(255),
    meta_payload BYTEA,
    PRIMARY KEY (persistence_id, sequence_number)
);
