package io.kubemagic.engine.etcd;

import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.impl.AbstractResponse;
import io.etcd.jetcd.maintenance.StatusResponse;

import java.lang.reflect.Field;
import java.util.List;

/**
 * jetcd 0.8 compiles an older etcd proto that lacks {@code dbSizeInUse} (field 9, etcd 3.4+) and
 * {@code errors} (field 8). protobuf keeps them as unknown fields of the raw response, which jetcd
 * does not expose, so they are read from there. Without them we report -1 and no errors.
 */
final class StatusExtras {
    private static final int ERRORS = 8;
    private static final int DB_SIZE_IN_USE = 9;
    private static final Field RAW = rawField();

    private StatusExtras() {
    }

    private static Field rawField() {
        try {
            Field field = AbstractResponse.class.getDeclaredField("response");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static UnknownFieldSet unknown(StatusResponse response) {
        if (RAW == null) {
            return UnknownFieldSet.getDefaultInstance();
        }
        try {
            return ((Message) RAW.get(response)).getUnknownFields();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return UnknownFieldSet.getDefaultInstance();
        }
    }

    static long dbSizeInUse(StatusResponse response) {
        UnknownFieldSet fields = unknown(response);
        if (!fields.hasField(DB_SIZE_IN_USE)) {
            return -1;
        }
        List<Long> values = fields.getField(DB_SIZE_IN_USE).getVarintList();
        return values.isEmpty() ? -1 : values.get(values.size() - 1);
    }

    static List<String> errors(StatusResponse response) {
        UnknownFieldSet fields = unknown(response);
        if (!fields.hasField(ERRORS)) {
            return List.of();
        }
        return fields.getField(ERRORS).getLengthDelimitedList().stream().map(b -> b.toStringUtf8()).toList();
    }
}
