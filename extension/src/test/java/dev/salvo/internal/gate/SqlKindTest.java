package dev.salvo.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlKindTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO claims (code) VALUES (?)",
        "  update accounts set balance = ? where id = ?",
        "DELETE FROM sessions WHERE id = ?",
        "MERGE INTO accounts (id, balance) KEY (id) VALUES (?, 0)",
        "/* audit */ INSERT INTO log VALUES (1)",
        "-- a comment line\nUPDATE t SET x = 1",
        "(INSERT INTO t VALUES (1))",
        "{call transfer(?, ?)}",
        "{? = call next_number()}",
        "WITH moved AS (DELETE FROM queue RETURNING *) SELECT * FROM moved",
        "SELECT balance FROM accounts WHERE id = ? FOR UPDATE",
        "select * from t where id = 1 for no key update skip locked",
        "SELECT * FROM t FOR SHARE",
        "SELECT * FROM t WHERE id = 1 LOCK IN SHARE MODE",
        "SELECT * FROM t WITH (UPDLOCK, ROWLOCK) WHERE id = 1",
    })
    void writes(String sql) {
        assertThat(SqlKind.of(sql)).isEqualTo(SqlKind.WRITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT COUNT(*) FROM claims WHERE code = ?",
        "select 'INSERT INTO x' as text from dual",
        "SELECT * FROM t WHERE note = 'for update'",
        "SELECT \"update\" FROM t",
        "SELECT 1 -- FOR UPDATE",
        "SELECT 1 /* DELETE FROM t */",
        "SELECT $$ FOR UPDATE $$",
        "WITH recent AS (SELECT * FROM orders) SELECT * FROM recent",
        "VALUES 1",
        "SHOW TABLES",
        "SELECT updated_at, inserted_by FROM t",
        "",
        "   ",
    })
    void reads(String sql) {
        assertThat(SqlKind.of(sql)).isEqualTo(SqlKind.READ);
    }

    @org.junit.jupiter.api.Test
    void nullIsARead() {
        assertThat(SqlKind.of(null)).isEqualTo(SqlKind.READ);
    }
}
