package io.kubemagic.engine.kubespray;

import java.io.Serializable;
import java.util.List;

/** The inventory review of one hop: {@code inventory/sample} from the commit in use to the hop's tag. */
public record HopReview(String fromRef, String toTag, List<ReviewItem> items) implements Serializable {

    public long actionsNeeded() {
        return items.stream().filter(ReviewItem::actionNeeded).count();
    }
}
