-- +goose Up
-- Events written in the transaction of a change and delivered after it commits. The table is a
-- queue, not a record: it names its objects by value, without foreign keys, so that an old
-- event never stands in the way of deleting what it was about. AUTOINCREMENT because
-- notifications keep the id of their event after housekeeping deletes it: an id is never reused.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       INTEGER  NOT NULL,
    kind         TEXT     NOT NULL,
    entity       TEXT     NOT NULL,
    entity_id    INTEGER  NOT NULL,
    recipient    TEXT     NOT NULL,
    recipient_id INTEGER,
    subject      TEXT     NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    available_at DATETIME NOT NULL,
    attempts     INTEGER  NOT NULL DEFAULT 0,
    last_error   TEXT     NOT NULL DEFAULT '',
    delivered_at DATETIME
);
CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE delivered_at IS NULL;
CREATE INDEX outbox_delivered ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;

-- A notification names its object instead of a web address; the pages build the address.
ALTER TABLE notifications ADD COLUMN entity TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN entity_id INTEGER;
ALTER TABLE notifications ADD COLUMN event_id INTEGER;
-- One notification per event and account, whatever happens to the delivery.
CREATE UNIQUE INDEX notifications_event ON notifications (event_id, user_id) WHERE event_id IS NOT NULL;

-- The objects of older notifications, from the addresses the store used to write.
UPDATE notifications SET entity = 'skp', entity_id = CAST(substr(link, 6) AS INTEGER)
    WHERE link GLOB '/skp/[0-9]*' AND substr(link, 6) NOT GLOB '*[^0-9]*';
UPDATE notifications SET entity = 'assessment', entity_id = CAST(substr(link, 14) AS INTEGER)
    WHERE link GLOB '/assessments/[0-9]*' AND substr(link, 14) NOT GLOB '*[^0-9]*';
UPDATE notifications SET entity = 'activity', entity_id = CAST(substr(link, 13) AS INTEGER)
    WHERE link GLOB '/activities/[0-9]*' AND substr(link, 13) NOT GLOB '*[^0-9]*';
-- Approved activities pointed at the reader's own list.
UPDATE notifications SET entity = 'employee', entity_id = (SELECT u.employee_id FROM users u WHERE u.id = notifications.user_id)
    WHERE link = '/activities';
-- Feedback, peer results and dialogs: /employees/N/feedback, with #dialogs for a dialog.
UPDATE notifications SET entity = 'employee', entity_id = CAST(substr(link, 12, instr(substr(link, 12), '/') - 1) AS INTEGER)
    WHERE link GLOB '/employees/[0-9]*/feedback*';
-- A peer review request pointed at the reader's task list; its object is the employee to
-- review, found by the name in the subject.
UPDATE notifications SET entity = 'employee', entity_id = (SELECT MIN(pa.employee_id)
        FROM peer_assignments pa JOIN employees e ON e.id = pa.employee_id JOIN users u ON u.employee_id = pa.peer_id
        WHERE u.id = notifications.user_id AND e.name = notifications.subject)
    WHERE link = '/peer-tasks';
-- A leader's reply: the newest reply of the leader named in the subject by then.
UPDATE notifications SET entity = 'upward_reply', entity_id = (SELECT MAX(r.id)
        FROM upward_replies r JOIN employees l ON l.id = r.leader_id
        WHERE l.name = notifications.subject AND r.created_at <= notifications.created_at)
    WHERE link = '/upward';
ALTER TABLE notifications DROP COLUMN link;

-- +goose Down
ALTER TABLE notifications ADD COLUMN link TEXT NOT NULL DEFAULT '';
UPDATE notifications SET link = CASE
    WHEN entity = 'skp' THEN '/skp/' || entity_id
    WHEN entity = 'assessment' THEN '/assessments/' || entity_id
    WHEN entity = 'activity' THEN '/activities/' || entity_id
    WHEN kind = 'activities_approved' THEN '/activities'
    WHEN kind = 'peer_requested' THEN '/peer-tasks'
    WHEN entity = 'upward_reply' THEN '/upward'
    WHEN kind = 'dialog_recorded' THEN '/employees/' || entity_id || '/feedback#dialogs'
    WHEN entity = 'employee' THEN '/employees/' || entity_id || '/feedback'
    ELSE '' END
    WHERE entity_id IS NOT NULL OR kind IN ('activities_approved', 'peer_requested', 'upward_reply');
DROP INDEX notifications_event;
ALTER TABLE notifications DROP COLUMN event_id;
ALTER TABLE notifications DROP COLUMN entity_id;
ALTER TABLE notifications DROP COLUMN entity;
DROP TABLE outbox;
