package uk.nhs.incidents.evidence.data;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidence content in PostgreSQL, one {@code bytea} row per chunk, through plain JDBC so that no chunk is kept
 * by Hibernate's session. Within a transaction the pool hands back the transaction's own connection.
 */
@ApplicationScoped
public class PostgresEvidenceStore implements EvidenceStore {

    private final AgroalDataSource dataSource;

    PostgresEvidenceStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void writeChunk(long evidenceId, int seq, byte[] data, int length, byte[] sha256) throws IOException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into evidence_chunk (evidence_id, seq, data, sha256) values (?, ?, ?, ?)")) {
            insert.setLong(1, evidenceId);
            insert.setInt(2, seq);
            insert.setBinaryStream(3, new java.io.ByteArrayInputStream(data, 0, length), length);
            insert.setBytes(4, sha256);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("cannot store chunk " + seq + " of evidence " + evidenceId, e);
        }
    }

    @Override
    public List<Integer> corruptChunks(long evidenceId, int first, int last, int hashed) throws IOException {
        // Whether a chunk is there reads no content; its hash reads all of it, so only the first few are hashed.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select s.seq from generate_series(?, ?) s (seq)"
                        + " left join evidence_chunk c on c.evidence_id = ? and c.seq = s.seq"
                        + " where c.seq is null or s.seq < ? and sha256(c.data) <> c.sha256 order by s.seq")) {
            query.setInt(1, first);
            query.setInt(2, last);
            query.setLong(3, evidenceId);
            query.setInt(4, first + hashed);
            List<Integer> corrupt = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    corrupt.add(rows.getInt(1));
                }
            }
            return corrupt;
        } catch (SQLException e) {
            throw new IOException("cannot check evidence " + evidenceId, e);
        }
    }

    @Override
    public void readChunks(long evidenceId, int first, int last, ChunkSink sink) throws IOException {
        for (int seq = first; seq <= last; seq++) {
            Chunk chunk = readChunk(evidenceId, seq);
            sink.accept(seq, chunk.data(), chunk.sha256());
        }
    }

    private record Chunk(byte[] data, byte[] sha256) {
    }

    /** One chunk, on a connection given back before the chunk goes to the sink, which may wait on a slow client. */
    private Chunk readChunk(long evidenceId, int seq) throws IOException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select data, sha256 from evidence_chunk where evidence_id = ? and seq = ?")) {
            query.setLong(1, evidenceId);
            query.setInt(2, seq);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new MissingChunk(evidenceId, seq);
                }
                return new Chunk(rows.getBytes(1), rows.getBytes(2));
            }
        } catch (SQLException e) {
            throw new IOException("cannot read evidence " + evidenceId, e);
        }
    }

    @Override
    public void delete(long evidenceId) throws IOException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from evidence_chunk where evidence_id = ?")) {
            delete.setLong(1, evidenceId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("cannot delete evidence " + evidenceId, e);
        }
    }
}
