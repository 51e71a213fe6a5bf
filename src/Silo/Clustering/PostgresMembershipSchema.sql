-- Orleans membership for MediaOrleans on PostgreSQL: the tables and the named queries the
-- ADO.NET clustering provider runs (it reads every query from orleansquery by key, binds
-- parameters by name and reads result columns by name). Applied by each silo at start, inside
-- one transaction holding an advisory lock, so it is idempotent and safe when silos start
-- together; running it again refreshes the query texts and keeps every membership row.
--
-- Every membership write bumps the deployment's row in orleansmembershipversiontable only if
-- it still holds the version the silo read (optimistic concurrency). The version row's lock
-- serialises concurrent writers, and each write is one statement, so it happens whole or not
-- at all. Writes answer the number of rows written: 1 = done, 0 = lost the race (Orleans
-- re-reads the table and tries again).

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey varchar(64) NOT NULL PRIMARY KEY,
    querytext varchar(8000) NOT NULL
);

CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150) NOT NULL PRIMARY KEY,
    timestamp timestamptz(3) NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150) NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    siloname varchar(150) NOT NULL,
    hostname varchar(150) NOT NULL,
    status integer NOT NULL,
    proxyport integer NULL,
    suspecttimes varchar(8000) NULL,
    starttime timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Settings the silos of one database share (the URL signing secret).
CREATE TABLE IF NOT EXISTS mediaorleans_settings
(
    key varchar(64) NOT NULL PRIMARY KEY,
    value varchar(8000) NOT NULL
);

INSERT INTO orleansquery (querykey, querytext) VALUES

('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM created;'),

-- A silo announces itself: the row goes in only together with the version bump.
('InsertMembershipKey', '
WITH bumped AS (
    UPDATE orleansmembershipversiontable
    SET version = version + 1, timestamp = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleansmembershiptable
                      WHERE deploymentid = @DeploymentId AND address = @Address
                        AND port = @Port AND generation = @Generation)
    RETURNING deploymentid),
inserted AS (
    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT (deploymentid, address, port, generation) DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM inserted;'),

-- A status change or suspicion vote: the row changes only together with the version bump.
('UpdateMembershipKey', '
WITH bumped AS (
    UPDATE orleansmembershipversiontable
    SET version = version + 1, timestamp = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleansmembershiptable
                  WHERE deploymentid = @DeploymentId AND address = @Address
                    AND port = @Port AND generation = @Generation)
    RETURNING deploymentid),
changed AS (
    UPDATE orleansmembershiptable AS m
    SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
    FROM bumped
    WHERE m.deploymentid = bumped.deploymentid AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT count(*)::int FROM changed;'),

-- Heartbeats are not versioned: they only say the silo is still there.
('UpdateIAmAlivetimeKey', '
UPDATE orleansmembershiptable
SET iamalivetime = @IAmAliveTime
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),

-- The version row always comes back, with or without a member row, so a reader learns the version.
('MembershipReadRowKey', '
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
       m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
FROM orleansmembershipversiontable AS v
LEFT JOIN orleansmembershiptable AS m
       ON m.deploymentid = v.deploymentid AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId;'),

('MembershipReadAllKey', '
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
       m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
FROM orleansmembershipversiontable AS v
LEFT JOIN orleansmembershiptable AS m ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId;'),

('GatewaysQueryKey', '
SELECT address, proxyport, generation
FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;'),

('DeleteMembershipTableEntriesKey', '
DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;'),

-- Only dead silos (status 6) that have been quiet since before the cut-off are removed.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = 6
  AND iamalivetime < @IAmAliveTime AND starttime < @IAmAliveTime;'),

-- One dead silo's row, only if it is still exactly as the caller saw it.
('CleanupDefunctSiloEntryKey', '
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = 6
  AND address = @Address AND port = @Port AND generation = @Generation
  AND iamalivetime = @IAmAliveTime AND starttime = @StartTime
  AND suspecttimes IS NOT DISTINCT FROM @SuspectTimes;')

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
