"""The SQL of the team server's role model: functions and triggers that ``server init`` installs.

Each function fixes its own ``search_path`` (``pg_catalog``, then ``pg_temp`` last) and
names the project's tables with their schema, so a login's temporary table or function can
never stand in for one of the project's. ``@S@`` is the quoted schema, filled in by
:func:`guard_sql` with the role names and the lifecycle's transitions from
:mod:`workbench.store.pg_roles`. The bodies are sent as they are (no placeholders), so
``?``, ``%`` and braces need no escaping. Hand-written PL/pgSQL because the rules must hold
for every client, not only this one; the replay mirrors :func:`alerts.history.replay`
(tests/test_server_roles.py checks 300 random histories give the same state).
"""

from __future__ import annotations

from typing import Any

from workbench.store.pg_role_model import (
    COORDINATOR_META_KEYS, DECISION_KEYS, HISTORY_TABLES, IDENTITY_KEYS, LEVELS, REOPEN_COPIES, ROLES, STATE_COLUMNS,
    TRANSITION_ROLE,
)
from workbench.vocabulary import (
    ASSESSMENT, CLOSED, CORRECTION_ROLE, DISMISS_REASONS, NEW, REASON, REOPENABLE, STATES, STATUSES, before_assessment,
    correction_targets,
)

_PATH = "SET search_path = pg_catalog, pg_temp"

LEVEL_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION @S@.wb_roles() RETURNS TABLE(role_name text, role text, level int)
LANGUAGE sql IMMUTABLE {_PATH} AS $fn$ VALUES @ROLES@ $fn$;

CREATE OR REPLACE FUNCTION @S@.wb_level() RETURNS int
LANGUAGE sql STABLE {_PATH} AS $fn$
SELECT CASE
  WHEN (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = session_user) THEN 4
  WHEN pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = '@S@.alert_event'::regclass),
                   'MEMBER') THEN 4
  ELSE coalesce((SELECT max(w.level) FROM @S@.wb_roles() w
                 WHERE pg_has_role(session_user, w.role_name, 'MEMBER')), 0)
END $fn$;

CREATE OR REPLACE FUNCTION @S@.wb_role_name(lvl int) RETURNS text
LANGUAGE sql IMMUTABLE {_PATH} AS $fn$
SELECT CASE lvl WHEN 1 THEN 'an analyst' WHEN 2 THEN 'a coordinator' WHEN 3 THEN 'an admin'
                WHEN 4 THEN 'the owner' ELSE 'without a role' END $fn$;
"""

EVENT_GUARD = f"""
CREATE OR REPLACE FUNCTION @S@.wb_event_guard() RETURNS trigger
LANGUAGE plpgsql {_PATH} AS $fn$
DECLARE
  lvl int := @S@.wb_level();
  who text := session_user;
  office text;
  cur text;
  prev_id bigint;
  n_events bigint;
  need int := 1;
  what text;
  d jsonb;
  bad text;
  last_at text;
  stamp text;
BEGIN
  NEW.recorded_by := who;
  IF lvl >= 4 THEN
    RETURN NEW;
  END IF;
  IF lvl = 0 THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s has no role on this project', who);
  END IF;
  SELECT m.value INTO office FROM @S@.meta m WHERE m.key = 'office_id';
  IF lvl = 3 AND (NEW.origin IS DISTINCT FROM office
                  OR (NEW.actor = 'system' AND NEW.kind = 'run' AND NEW.run_id IS NOT NULL)) THEN
    -- An admin merging another copy's events (they keep that copy's actor, time and origin;
    -- recorded_by says who merged them), or a model run's. An admin's own events are
    -- checked below like everyone's.
    RETURN NEW;
  END IF;
  IF NEW.actor IS DISTINCT FROM who THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s cannot record an event as %L: on a server project an event is recorded under '
                       'the login that makes it', who, NEW.actor);
  END IF;
  IF NEW.kind IS DISTINCT FROM 'transition' AND NEW.kind IS DISTINCT FROM 'note' OR NEW.run_id IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s is %s on this project: only a model run, started by an admin, records run events',
                       who, @S@.wb_role_name(lvl));
  END IF;
  BEGIN
    d := coalesce(nullif(NEW.details, ''), '{{}}')::jsonb;
  EXCEPTION WHEN others THEN
    d := NULL;
  END;
  IF d IS NULL OR jsonb_typeof(d) <> 'object' THEN
    RAISE EXCEPTION 'the details of an event must be a JSON object';
  END IF;
  SELECT a.status, a.previous_alert_id INTO cur, prev_id FROM @S@.alert a WHERE a.id = NEW.alert_id;
  IF NEW.kind = 'transition' THEN
    IF NEW.from_status IS NULL AND NEW.to_status = @NEW@ THEN
      SELECT count(*) INTO n_events FROM @S@.alert_event e WHERE e.alert_id = NEW.alert_id;
      IF n_events > 0 OR prev_id IS NULL THEN
        RAISE EXCEPTION 'only a reopened alert starts its history by hand; alert % already has one', NEW.alert_id;
      END IF;
      need := 2;
      what := 'reopening an alert';
    ELSIF NEW.from_status IS DISTINCT FROM cur THEN
      RAISE EXCEPTION 'alert % is %, not %', NEW.alert_id, cur, coalesce(NEW.from_status, 'nothing');
    ELSIF coalesce(d ->> 'correction', '') = 'true' THEN
      -- a correction of the latest decision (alerts.lifecycle.correct): backwards too
      need := CASE (cur, NEW.to_status) @CORRECTIONS@ ELSE 0 END;
      IF need = 0 THEN
        RAISE EXCEPTION 'alert % is %: a correction cannot put it in %', NEW.alert_id, cur,
          coalesce(NEW.to_status, 'nothing');
      END IF;
      IF coalesce(d ->> 'corrects', '') = '' OR coalesce(btrim(NEW.note), '') = '' THEN
        RAISE EXCEPTION 'a correction of alert % names the decision it corrects and says why', NEW.alert_id;
      END IF;
      what := 'correcting a decision';
    ELSE
      need := CASE (cur, NEW.to_status) @TRANSITIONS@ ELSE 0 END;
      IF need = 0 THEN
        RAISE EXCEPTION 'alert % is %: it cannot go to %', NEW.alert_id, cur, coalesce(NEW.to_status, 'nothing');
      END IF;
      what := format('moving an alert to %s', NEW.to_status);
    END IF;
    IF NEW.to_status = ANY (ARRAY[@NEEDS_REASON@]::text[]) AND NOT coalesce(d ->> 'reason', '') = ANY (ARRAY[@REASONS@]) THEN
      RAISE EXCEPTION 'moving alert % to % needs a reason (%)', NEW.alert_id, NEW.to_status,
        array_to_string(ARRAY[@REASONS@], ', ');
    END IF;
    IF NEW.to_status = ANY (ARRAY[@NEEDS_ASSESSMENT@]::text[]) AND ((d -> 'likelihood') IS NULL OR (d -> 'consequence') IS NULL
                                       OR (d -> 'outcome') IS NULL) THEN
      RAISE EXCEPTION 'verifying alert % records the risk assessment (likelihood, consequence, outcome)',
        NEW.alert_id;
    END IF;
  ELSIF coalesce(NEW.to_status, '') <> '' OR coalesce(NEW.from_status, '') <> '' THEN
    -- the replay moves an alert on any event with a status: a note must carry none
    RAISE EXCEPTION 'a note cannot change the status of alert %', NEW.alert_id;
  ELSIF (d -> 'snoozed_until') IS NOT NULL THEN
    need := 2;
    what := 'snoozing an alert';
  END IF;
  IF lvl < need THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s is %s on this project: %s needs the %s role', who, @S@.wb_role_name(lvl), what,
                       CASE need WHEN 2 THEN 'coordinator' ELSE 'admin' END);
  END IF;
  SELECT string_agg(k, ', ') INTO bad FROM jsonb_object_keys(d) k
   WHERE lvl < 2 OR k <> ALL (ARRAY[@DECISION_KEYS@]);
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s is %s on this project and cannot set %s on an event', who, @S@.wb_role_name(lvl), bad);
  END IF;
  -- The server's uid (a chosen one could pre-empt an event a copy will bring back: merge
  -- skips known uids), origin and clock, strictly after the alert's last event.
  NEW.event_uid := replace(gen_random_uuid()::text, '-', '');
  NEW.origin := office;
  SELECT max(e.at COLLATE "C") INTO last_at FROM @S@.alert_event e WHERE e.alert_id = NEW.alert_id;
  stamp := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00';
  IF last_at IS NOT NULL AND stamp COLLATE "C" <= last_at THEN
    BEGIN
      stamp := to_char((last_at::timestamptz + interval '1 microsecond') AT TIME ZONE 'UTC',
                       'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00';
    EXCEPTION WHEN others THEN
      NULL;  -- an unreadable time merged from another copy: keep the server's clock
    END;
  END IF;
  NEW.at := stamp;
  RETURN NEW;
END $fn$;
"""

ALERT_GUARD = f"""
CREATE OR REPLACE FUNCTION @S@.wb_alert_guard() RETURNS trigger
LANGUAGE plpgsql {_PATH} AS $fn$
DECLARE
  lvl int := @S@.wb_level();
  p @S@.alert%ROWTYPE;
BEGIN
  IF lvl >= 3 THEN
    RETURN NEW;
  END IF;
  SELECT * INTO p FROM @S@.alert a WHERE a.id = NEW.previous_alert_id;
  IF NOT FOUND OR NOT p.status = ANY (ARRAY[@REOPENABLE@]::text[]) OR NEW.status IS DISTINCT FROM @NEW@
     OR (@NEW_COPIES@) IS DISTINCT FROM (@OLD_COPIES@)
     OR (@NEW_DECISION@) IS DISTINCT FROM (@NULLS@) THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s is %s on this project: it may add an alert only by reopening a closed or dismissed '
                       'one; new alerts come from model runs', session_user, @S@.wb_role_name(lvl));
  END IF;
  RETURN NEW;
END $fn$;
"""

REPLAY = f"""
CREATE OR REPLACE FUNCTION @S@.wb_replay(p_alert bigint, OUT status text, OUT snoozed_until text,
  OUT likelihood bigint, OUT consequence bigint, OUT risk_level text, OUT outcome text, OUT dismiss_reason text)
LANGUAGE plpgsql STABLE {_PATH} AS $fn$
DECLARE
  ev record;
  d jsonb;
  started boolean := false;
BEGIN
  status := @NEW@;
  FOR ev IN SELECT e.to_status, e.from_status, e.details FROM @S@.alert_event e
            WHERE e.alert_id = p_alert ORDER BY e.at COLLATE "C", e.event_uid COLLATE "C" LOOP
    d := coalesce(nullif(ev.details, ''), '{{}}')::jsonb;
    IF coalesce(ev.to_status, '') <> '' THEN
      IF ev.from_status IS NULL THEN
        CONTINUE WHEN started;
      ELSIF NOT started OR ev.from_status IS DISTINCT FROM status THEN
        CONTINUE;
      END IF;
      started := true;
      status := ev.to_status;
      IF status = ANY (ARRAY[@NEEDS_REASON@]::text[]) THEN
        dismiss_reason := d ->> 'reason';
      END IF;
      IF status = ANY (ARRAY[@CLOSED@]::text[]) THEN
        snoozed_until := NULL;
      END IF;
      IF coalesce(d ->> 'correction', '') = 'true' THEN  -- as alerts.history.replay
        IF NOT status = ANY (ARRAY[@NEEDS_REASON@]::text[]) THEN
          dismiss_reason := NULL;
        END IF;
        IF status = ANY (ARRAY[@BEFORE_ASSESSMENT@]::text[]) THEN
          likelihood := NULL;
          consequence := NULL;
          risk_level := NULL;
          outcome := NULL;
        END IF;
      END IF;
    END IF;
    IF (d -> 'snoozed_until') IS NOT NULL THEN
      snoozed_until := d ->> 'snoozed_until';
    END IF;
    IF (d -> 'likelihood') IS NOT NULL THEN
      likelihood := (d ->> 'likelihood')::float8::bigint;
      consequence := (d ->> 'consequence')::float8::bigint;
      risk_level := d ->> 'risk_level';
      outcome := d ->> 'outcome';
    END IF;
  END LOOP;
END $fn$;
"""

STATE_CHECK = f"""
CREATE OR REPLACE FUNCTION @S@.wb_state_check() RETURNS trigger
LANGUAGE plpgsql {_PATH} AS $fn$
DECLARE
  aid bigint;
  a record;
  r record;
BEGIN
  IF @S@.wb_level() >= 4 THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'alert' THEN aid := NEW.id; ELSE aid := NEW.alert_id; END IF;
  SELECT @STATE_A@ INTO a FROM @S@.alert x WHERE x.id = aid;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  BEGIN
    r := @S@.wb_replay(aid);
  EXCEPTION WHEN others THEN
    RAISE EXCEPTION 'the history of alert % cannot be read (%); nothing was written', aid, SQLERRM;
  END;
  IF (@STATE_AA@) IS DISTINCT FROM (@STATE_RR@) THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('alert %s would be %s but its history says %s: an alert changes only with an event in '
                       'its history', aid, a.status, r.status);
  END IF;
  RETURN NULL;
END $fn$;
"""

NO_TRUNCATE = f"""
CREATE OR REPLACE FUNCTION @S@.wb_no_truncate() RETURNS trigger
LANGUAGE plpgsql {_PATH} AS $fn$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = format('%s is history and cannot be truncated', TG_TABLE_NAME);
END $fn$;
"""

META_GUARD = f"""
CREATE OR REPLACE FUNCTION @S@.wb_coordinator_meta_keys() RETURNS text[]
LANGUAGE sql IMMUTABLE {_PATH} AS $fn$ SELECT ARRAY[@COORDINATOR_KEYS@]::text[] $fn$;

CREATE OR REPLACE FUNCTION @S@.wb_meta_guard() RETURNS trigger
LANGUAGE plpgsql {_PATH} AS $fn$
DECLARE
  lvl int := @S@.wb_level();
  d jsonb;
BEGIN
  IF lvl >= 4 THEN
    RETURN coalesce(NEW, OLD);
  END IF;
  IF (TG_OP <> 'INSERT' AND OLD.key = ANY (ARRAY[@IDENTITY@])) OR (TG_OP <> 'DELETE' AND NEW.key = ANY (ARRAY[@IDENTITY@])) THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s cannot change the project''s identity (%s): the server''s owner sets it up',
                       session_user, coalesce(NEW.key, OLD.key));
  END IF;
  -- Below admin, only the keys a coordinator keeps (the meeting marker), never deleted.
  IF lvl < 3 AND (lvl < 2 OR TG_OP = 'DELETE' OR NOT NEW.key = ANY (@S@.wb_coordinator_meta_keys())
                  OR (TG_OP = 'UPDATE' AND NOT OLD.key = ANY (@S@.wb_coordinator_meta_keys()))) THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s is %s on this project: of the project''s settings it may change only the meeting '
                       'date; %s needs the admin role', session_user, @S@.wb_role_name(lvl), coalesce(NEW.key, OLD.key));
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.key = ANY (@S@.wb_coordinator_meta_keys()) THEN
    -- The marker says who moved it (the brief prints it): the login, as for an event.
    BEGIN
      d := NEW.value::jsonb;
    EXCEPTION WHEN others THEN
      d := NULL;
    END;
    IF d IS NULL OR jsonb_typeof(d) <> 'object' OR (d ->> 'set_by') IS DISTINCT FROM session_user THEN
      RAISE EXCEPTION USING ERRCODE = '42501',
        MESSAGE = format('%s cannot record the meeting date as set by %s: on a server project it is recorded '
                         'under the login that sets it', session_user, coalesce(d ->> 'set_by', 'nobody'));
    END IF;
  END IF;
  RETURN coalesce(NEW, OLD);
END $fn$;
"""

OBSERVATION_GUARD = f"""
CREATE OR REPLACE FUNCTION @S@.wb_observation_guard() RETURNS trigger
LANGUAGE plpgsql {_PATH} AS $fn$
BEGIN
  IF NEW.value IS NOT DISTINCT FROM OLD.value OR @S@.wb_level() >= 4 THEN
    RETURN NEW;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM @S@.revision r
                 WHERE r.region_id = OLD.region_id AND r.indicator_id = OLD.indicator_id AND r.period = OLD.period
                   AND r.grp = OLD.grp AND r.old_value IS NOT DISTINCT FROM OLD.value
                   AND r.new_value IS NOT DISTINCT FROM NEW.value AND r.new_import_id = NEW.import_id) THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = format('%s cannot change a value without recording its revision (old and new value, the '
                       'import that brought it): imports do that', session_user);
  END IF;
  RETURN NEW;
END $fn$;
"""

#: (trigger, table, timing, function); dropped and created again on every install.
TRIGGERS = (
    ("wb_observation_guard", "observation", "BEFORE UPDATE", "FOR EACH ROW", "wb_observation_guard"),
    ("wb_event_guard", "alert_event", "BEFORE INSERT", "FOR EACH ROW", "wb_event_guard"),
    ("wb_alert_guard", "alert", "BEFORE INSERT", "FOR EACH ROW", "wb_alert_guard"),
    ("wb_meta_guard", "meta", "BEFORE INSERT OR UPDATE OR DELETE", "FOR EACH ROW", "wb_meta_guard"),
    *((f"wb_{t}_no_truncate", t, "BEFORE TRUNCATE", "FOR EACH STATEMENT", "wb_no_truncate") for t in HISTORY_TABLES),
)
#: (trigger, table, timing): the state check at commit. A new alert in the state of an empty
#: history ('new', nothing decided) needs no check: any event added to it is checked itself.
CONSTRAINT_TRIGGERS = (
    ("wb_alert_state", "alert", f"AFTER UPDATE OF {', '.join(STATE_COLUMNS)}"),
    ("wb_new_alert_state", "alert", "AFTER INSERT", f"WHEN (NEW.status IS DISTINCT FROM '{NEW}' OR "
     + " OR ".join(f"NEW.{c} IS NOT NULL" for c in STATE_COLUMNS[1:]) + ")"),
    ("wb_event_state", "alert_event", "AFTER INSERT"),
)


def _lit(values: Any) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def guard_sql(schema_ident: str, names: dict[str, str]) -> list[str]:
    """The functions of the role model, with the schema and role names filled in."""
    transitions = " ".join(f"WHEN ('{a}'::text, '{b}'::text) THEN {LEVELS[r]}" for (a, b), r in TRANSITION_ROLE.items())
    subs = {
        "@ROLES@": ", ".join(f"('{names[r].replace(chr(39), chr(39) * 2)}', '{r}', {LEVELS[r]})" for r in ROLES),
        "@TRANSITIONS@": transitions,
        "@CORRECTIONS@": " ".join(f"WHEN ('{a}'::text, '{b}'::text) THEN {LEVELS[CORRECTION_ROLE]}"
                                  for a in STATUSES for b in correction_targets(a)),
        "@BEFORE_ASSESSMENT@": _lit(st for st in STATUSES if before_assessment(st)),
        "@REASONS@": _lit(DISMISS_REASONS),
        "@NEEDS_REASON@": _lit(s.name for s in STATES if REASON in s.needs),
        "@NEEDS_ASSESSMENT@": _lit(s.name for s in STATES if ASSESSMENT in s.needs),
        "@CLOSED@": _lit(CLOSED),
        "@REOPENABLE@": _lit(REOPENABLE),
        "@NEW@": _lit([NEW]),
        "@DECISION_KEYS@": _lit(DECISION_KEYS),
        "@IDENTITY@": _lit(IDENTITY_KEYS),
        "@COORDINATOR_KEYS@": _lit(COORDINATOR_META_KEYS),
        "@NEW_COPIES@": ", ".join(f"NEW.{c}" for c in REOPEN_COPIES),
        "@OLD_COPIES@": ", ".join(f"p.{c}" for c in REOPEN_COPIES),
        "@NEW_DECISION@": ", ".join(f"NEW.{c}" for c in STATE_COLUMNS[1:]),
        "@NULLS@": ", ".join("NULL" for _ in STATE_COLUMNS[1:]),
        "@STATE_A@": ", ".join(f"x.{c}" for c in STATE_COLUMNS),
        "@STATE_AA@": ", ".join(f"a.{c}" for c in STATE_COLUMNS),
        "@STATE_RR@": ", ".join(f"r.{c}" for c in STATE_COLUMNS),
    }
    out = []
    for block in (LEVEL_FUNCTIONS, EVENT_GUARD, ALERT_GUARD, REPLAY, STATE_CHECK, NO_TRUNCATE, META_GUARD,
                  OBSERVATION_GUARD):
        text = block
        for key, value in subs.items():
            text = text.replace(key, value)
        text = text.replace("@S@", schema_ident)
        out += [s.strip() for s in text.split("$fn$;") if s.strip()]
    return [s + "$fn$" for s in out]


__all__ = ["CONSTRAINT_TRIGGERS", "TRIGGERS", "guard_sql"]
