package dev.kumo.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.Activation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationLogTest {

    @TempDir
    Path dir;

    MVStore open() {
        return new MVStore.Builder().fileName(dir.resolve("log.mv.db").toString()).autoCommitDisabled().open();
    }

    @Test
    void batchesComeBackNewestFirstAndNumberingContinuesAfterReopen() {
        var store = open();
        var log = new ActivationLog(store);
        assertThat(log.nextSequence()).isEqualTo(1);
        log.append(1, new byte[] {1}, List.of());
        log.append(2, new byte[] {2}, List.of());
        log.append(3, new byte[] {3}, List.of(1L));
        store.close();

        store = open();
        log = new ActivationLog(store);
        assertThat(log.sequencesNewestFirst()).containsExactly(3L, 2L);
        assertThat(log.batch(2)).containsExactly(2);
        assertThat(log.batchCount()).isEqualTo(2);
        assertThat(log.nextSequence()).isEqualTo(4);
        store.close();
    }

    @Test
    void aNewBatchDoesNotRewriteThePreviousOne() {
        var store = open();
        var log = new ActivationLog(store);
        var big = new byte[200_000];
        log.append(1, big, List.of());
        long before = bytesWritten(store);

        for (long n = 2; n <= 11; n++) {
            log.append(n, big, List.of());
        }

        assertThat(bytesWritten(store) - before).as("each batch written once")
                .isLessThan(10L * big.length * 3 / 2);
        store.close();
    }

    @Test
    void migratesTheNewestRecordsOfTheFormerFormatAndDropsItsMaps() {
        var json = new JsonCodec();
        var records = new ArrayList<Activation>();
        var store = open();
        MVMap<String, String> byTime = store.openMap("activations", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        for (int i = 0; i < 5; i++) {
            var a = ActivationIndexTest.at("f", i);
            records.add(a);
            byTime.put(ActivationKeys.timeKey(a), json.write(a));
        }
        store.openMap("activations.ids").put("x", "y");
        store.commit();

        var log = new ActivationLog(store);
        log.migrateLegacy(json, 3);
        store.close();

        store = open();
        log = new ActivationLog(store);
        assertThat(store.hasMap("activations")).isFalse();
        assertThat(store.hasMap("activations.ids")).isFalse();
        assertThat(log.sequencesNewestFirst()).containsExactly(1L);
        assertThat(ActivationCodec.decode(log.batch(1))).as("oldest first, as recorded")
                .containsExactly(records.get(2), records.get(3), records.get(4));
        store.close();
    }

    private static long bytesWritten(MVStore store) {
        var info = new HashMap<String, String>();
        store.getFileStore().populateInfo(info::put);
        return Long.parseLong(info.get("info.FILE_WRITE_BYTES"));
    }
}
