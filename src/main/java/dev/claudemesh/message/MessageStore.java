package dev.claudemesh.message;

import dev.claudemesh.session.Ids;
import dev.claudemesh.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Durable messages with per-recipient sequence numbers and lease/ack delivery. A message is open until
 * acked; a lease hides it from other paths until it expires or is released. Open counts and last sequence
 * numbers are kept exact in memory, changed once the rows they count are committed, under the same lock.
 */
public final class MessageStore {
    private static final String COLUMNS = "id, seq, from_id, to_id, kind, body, created_at, in_reply_to, hops, state,"
            + " lease_holder, attempts, acked_at, delivered_via, lease_expires";

    private final Database db;
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final Map<String, int[]> openCounts = new HashMap<>(); // to -> {tasks, notes}

    public MessageStore(Database db) throws SQLException {
        this.db = db;
        db.read(c -> {
            try (var rs = c.createStatement()
                    .executeQuery("SELECT to_id, kind, count(*) FROM messages WHERE state != 'acked'"
                            + " GROUP BY to_id, kind")) {
                while (rs.next()) {
                    int[] n = openCounts.computeIfAbsent(rs.getString(1), k -> new int[2]);
                    n["task".equals(rs.getString(2)) ? 0 : 1] = rs.getInt(3);
                }
            }
            return null;
        });
    }

    public Message send(String from, String to, MessageKind kind, String body, String inReplyTo, int hops, long now)
            throws SQLException {
        String id = Ids.newMessageId();
        return write(
                c -> {
                    long seq = nextSeq(c, to);
                    try (PreparedStatement p =
                            c.prepareStatement("INSERT INTO messages(id, to_id, seq, from_id, kind, body,"
                                    + " created_at, in_reply_to, hops, state) VALUES(?,?,?,?,?,?,?,?,?,'pending')")) {
                        p.setString(1, id);
                        p.setString(2, to);
                        p.setLong(3, seq);
                        p.setString(4, from);
                        p.setString(5, kind.wire());
                        p.setString(6, body);
                        p.setLong(7, now);
                        p.setString(8, inReplyTo);
                        p.setInt(9, hops);
                        p.executeUpdate();
                    }
                    log(c, List.of(id), now, "sent", "from " + from);
                    return new Message(
                            id,
                            seq,
                            from,
                            to,
                            kind,
                            body,
                            now,
                            inReplyTo,
                            hops,
                            MessageState.PENDING,
                            null,
                            0,
                            null,
                            null);
                },
                m -> {
                    lastSeq.put(to, m.seq());
                    openCounts.computeIfAbsent(to, k -> new int[2])[kind == MessageKind.TASK ? 0 : 1]++;
                });
    }

    public Optional<Message> get(String id) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE id = ?")) {
                p.setString(1, id);
                List<Message> found = rows(p.executeQuery());
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    /** Open (not yet acked) messages for a recipient, oldest first, without changing anything. */
    public List<Message> peek(String to, Set<MessageKind> kinds, int limit) throws SQLException {
        return db.read(c -> open(c, to, kinds, limit, false, 0));
    }

    /**
     * Leases up to {@code limit} available messages of the given kinds: pending ones, or leased ones whose
     * lease has expired. Messages tried {@code maxAttempts} times or more are left for other paths.
     */
    public Lease lease(
            String to, Set<MessageKind> kinds, LeaseHolder holder, long ttlMillis, int limit, int maxAttempts, long now)
            throws SQLException {
        String leaseId = Ids.newLeaseId();
        long expires = now + ttlMillis;
        return db.tx(c -> {
            List<Message> available = new ArrayList<>();
            for (Message m : open(c, to, kinds, Integer.MAX_VALUE, true, now)) {
                if (m.attempts() < maxAttempts && available.size() < limit) {
                    available.add(m);
                }
            }
            if (available.isEmpty()) {
                return new Lease(leaseId, holder, expires, List.of());
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE messages SET state='leased', lease_id=?,"
                    + " lease_holder=?, lease_expires=?, attempts=attempts+1 WHERE id=?")) {
                for (Message m : available) {
                    p.setString(1, leaseId);
                    p.setString(2, holder.wire());
                    p.setLong(3, expires);
                    p.setString(4, m.id());
                    p.addBatch();
                }
                p.executeBatch();
            }
            log(c, available.stream().map(Message::id).toList(), now, "leased", holder.wire());
            List<Message> leased = available.stream()
                    .map(m -> m.withDelivery(MessageState.LEASED, holder, m.attempts() + 1, null, null))
                    .toList();
            return new Lease(leaseId, holder, expires, leased);
        });
    }

    /** Acks every message still held by the lease. Returns the acked messages (empty if none or unknown). */
    public List<Message> ackLease(String leaseId, long now) throws SQLException {
        return ackWhere("lease_id = ? AND state = 'leased'", now, leaseId);
    }

    /** Acks every message of a recipient currently leased by {@code holder} (e.g. what a waiter handed over). */
    public List<Message> ackHeldBy(String to, LeaseHolder holder, long now) throws SQLException {
        return ackWhere("to_id = ? AND state = 'leased' AND lease_holder = ?", now, to, holder.wire());
    }

    private List<Message> ackWhere(String where, long now, String... args) throws SQLException {
        return write(
                c -> {
                    List<Message> held;
                    try (PreparedStatement p =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE " + where)) {
                        for (int i = 0; i < args.length; i++) {
                            p.setString(i + 1, args[i]);
                        }
                        held = rows(p.executeQuery());
                    }
                    return markAcked(c, held, now, null);
                },
                this::countAcked);
    }

    /** Acks specific messages of one recipient (e.g. ids seen in a prompt claude received). */
    public List<Message> ackIds(String to, Collection<String> ids, LeaseHolder via, long now) throws SQLException {
        return write(
                c -> {
                    List<Message> open = new ArrayList<>();
                    try (PreparedStatement p = c.prepareStatement(
                            "SELECT " + COLUMNS + " FROM messages WHERE id = ? AND to_id = ? AND state != 'acked'")) {
                        for (String id : new LinkedHashSet<>(ids)) {
                            p.setString(1, id);
                            p.setString(2, to);
                            open.addAll(rows(p.executeQuery()));
                        }
                    }
                    return markAcked(c, open, now, via);
                },
                this::countAcked);
    }

    /** Returns a lease's messages to pending at once (the holder could not deliver them). */
    public int release(String leaseId, long now) throws SQLException {
        return db.tx(c -> {
            List<String> ids = idsWhere(c, "lease_id = ? AND state = 'leased'", leaseId);
            try (PreparedStatement p = c.prepareStatement("UPDATE messages SET state='pending', lease_id=NULL,"
                    + " lease_holder=NULL, lease_expires=NULL WHERE lease_id=? AND state='leased'")) {
                p.setString(1, leaseId);
                p.executeUpdate();
            }
            log(c, ids, now, "released", null);
            return ids.size();
        });
    }

    /** Turns expired leases back into pending messages. Returns the recipients affected. */
    public Set<String> expireLeases(long now) throws SQLException {
        return db.tx(c -> {
            Set<String> recipients = new LinkedHashSet<>();
            List<String> ids = new ArrayList<>();
            try (PreparedStatement p =
                    c.prepareStatement("SELECT id, to_id FROM messages WHERE state='leased' AND lease_expires <= ?")) {
                p.setLong(1, now);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                        recipients.add(rs.getString(2));
                    }
                }
            }
            if (!ids.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("UPDATE messages SET state='pending', lease_id=NULL,"
                        + " lease_holder=NULL, lease_expires=NULL WHERE state='leased' AND lease_expires <= ?")) {
                    p.setLong(1, now);
                    p.executeUpdate();
                }
                log(c, ids, now, "lease-expired", null);
            }
            return recipients;
        });
    }

    /** The earliest time a current lease expires, if any lease is out. */
    public Optional<Long> nextLeaseExpiry() throws SQLException {
        return db.read(c -> {
            try (var rs =
                    c.createStatement().executeQuery("SELECT min(lease_expires) FROM messages WHERE state='leased'")) {
                long v = rs.next() ? rs.getLong(1) : 0;
                return v > 0 ? Optional.of(v) : Optional.empty();
            }
        });
    }

    /** Whether {@code holder} leased any message of recipient {@code to} at or after {@code since} (epoch ms). */
    public boolean leasedBy(String to, LeaseHolder holder, long since) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM messages m JOIN message_log l ON"
                    + " l.message_id = m.id WHERE m.to_id = ? AND l.event = 'leased' AND l.detail = ? AND l.at >= ?"
                    + " LIMIT 1")) {
                p.setString(1, to);
                p.setString(2, holder.wire());
                p.setLong(3, since);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Exact open counts {tasks, notes} for a recipient. */
    public int[] openCounts(String to) {
        synchronized (db) {
            int[] n = openCounts.get(to);
            return n == null ? new int[2] : n.clone();
        }
    }

    /** Delivery history of one message, oldest first: "at event detail". */
    public List<String> history(String id) throws SQLException {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p =
                    c.prepareStatement("SELECT at, event, detail FROM message_log WHERE message_id=? ORDER BY rowid")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String d = rs.getString(3);
                        out.add(rs.getLong(1) + " " + rs.getString(2) + (d == null ? "" : " " + d));
                    }
                }
            }
            return out;
        });
    }

    /** The messages a lease holds now (read-only; e.g. to report what a release returns to pending). */
    public List<Message> heldBy(String leaseId) throws SQLException {
        return select("lease_id = ? AND state = 'leased' ORDER BY seq", leaseId);
    }

    /** Leased messages whose lease has run out by {@code now} (read-only; {@link #expireLeases} returns them). */
    public List<Message> expiredLeases(long now) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM messages WHERE state='leased' AND lease_expires <= ? ORDER BY seq")) {
                p.setLong(1, now);
                return rows(p.executeQuery());
            }
        });
    }

    /** A recipient's most recent messages in every state (delivered ones too), newest first. */
    public List<Message> recent(String to, int limit) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM messages WHERE to_id = ? ORDER BY seq DESC LIMIT ?")) {
                p.setString(1, to);
                p.setInt(2, limit);
                return rows(p.executeQuery());
            }
        });
    }

    private List<Message> select(String where, String arg) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE " + where)) {
                p.setString(1, arg);
                return rows(p.executeQuery());
            }
        });
    }

    private List<Message> markAcked(Connection c, List<Message> msgs, long now, LeaseHolder via) throws SQLException {
        if (msgs.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE messages SET state='acked', acked_at=?,"
                + " delivered_via=COALESCE(?, lease_holder), lease_id=NULL, lease_expires=NULL WHERE id=?")) {
            for (Message m : msgs) {
                p.setLong(1, now);
                p.setString(2, via == null ? null : via.wire());
                p.setString(3, m.id());
                p.addBatch();
            }
            p.executeBatch();
        }
        List<Message> out = new ArrayList<>();
        for (Message m : msgs) {
            LeaseHolder how = via != null ? via : m.leaseHolder();
            out.add(m.withDelivery(MessageState.ACKED, m.leaseHolder(), m.attempts(), now, how));
        }
        log(c, out.stream().map(Message::id).toList(), now, "acked", via == null ? null : via.wire());
        return out;
    }

    /**
     * Runs {@code work} in one transaction, then, once it committed, changes the in-memory counts with {@code
     * committed}: a failed commit leaves them as they were. Both under the database's lock, so readers never see
     * rows and counts disagree.
     */
    private <T> T write(Database.Work<T> work, Consumer<T> committed) throws SQLException {
        synchronized (db) {
            T out = db.tx(work);
            committed.accept(out);
            return out;
        }
    }

    private void countAcked(List<Message> acked) {
        for (Message m : acked) {
            openCounts.computeIfAbsent(m.to(), k -> new int[2])[m.isTask() ? 0 : 1]--;
        }
    }

    private List<Message> open(
            Connection c, String to, Set<MessageKind> kinds, int limit, boolean availableOnly, long now)
            throws SQLException {
        if (kinds.isEmpty() || limit <= 0) {
            return List.of();
        }
        String sql = "SELECT " + COLUMNS + " FROM messages WHERE to_id = ? AND "
                + (availableOnly
                        ? "(state = 'pending' OR (state = 'leased' AND lease_expires <= ?))"
                        : "state != 'acked'")
                + (kinds.size() == 1 ? " AND kind = ?" : "")
                + " ORDER BY seq LIMIT ?";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            p.setString(i++, to);
            if (availableOnly) {
                p.setLong(i++, now);
            }
            if (kinds.size() == 1) {
                p.setString(i++, kinds.iterator().next().wire());
            }
            p.setInt(i, limit);
            return rows(p.executeQuery());
        }
    }

    private long nextSeq(Connection c, String to) throws SQLException {
        Long last = lastSeq.get(to);
        if (last == null) {
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(max(seq), 0) FROM messages WHERE to_id=?")) {
                p.setString(1, to);
                try (ResultSet rs = p.executeQuery()) {
                    last = rs.next() ? rs.getLong(1) : 0L;
                }
            }
        }
        return last + 1;
    }

    private static List<String> idsWhere(Connection c, String where, String arg) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM messages WHERE " + where)) {
            p.setString(1, arg);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static void log(Connection c, List<String> ids, long now, String event, String detail) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO message_log(message_id, at, event, detail) VALUES(?,?,?,?)")) {
            for (String id : ids) {
                p.setString(1, id);
                p.setLong(2, now);
                p.setString(3, event);
                p.setString(4, detail);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static List<Message> rows(ResultSet rs) throws SQLException {
        List<Message> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                long acked = rs.getLong(13);
                Long ackedAt = rs.wasNull() ? null : acked;
                out.add(new Message(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        MessageKind.parse(rs.getString(5)),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getString(8),
                        rs.getInt(9),
                        MessageState.parse(rs.getString(10)),
                        LeaseHolder.fromStore(rs.getString(11)),
                        rs.getInt(12),
                        ackedAt,
                        LeaseHolder.fromStore(rs.getString(14))));
            }
        }
        return out;
    }
}
