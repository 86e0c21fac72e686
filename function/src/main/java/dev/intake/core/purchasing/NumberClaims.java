package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.PO_NUMBER;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Claims the PO numbers a commit creates or renames to, before anything else is written. Each
 * claim is a conditional write, so two files can never both take a number; when any claim fails
 * (another file took the number since validation), the ones made are given back and the import
 * fails with nothing written.
 */
final class NumberClaims {

    private final PurchaseOrderStore orders;
    private final String org;

    NumberClaims(PurchaseOrderStore orders, String org) {
        this.orders = orders;
        this.org = org;
    }

    /** Returns the PO_NUMBER_TAKEN errors; empty when every claim held. */
    List<ImportError> claimAll(Collection<PoPlan> plans) {
        var made = new ArrayList<PoPlan>();
        var errors = new ArrayList<ImportError>();
        for (var plan : plans) {
            if (!plan.creates() && plan.renamedFrom() == null) {
                continue;
            }
            if (orders.claimNumber(org, plan.poId(), plan.poNumber(), plan.renamedFrom())) {
                made.add(plan);
            } else {
                errors.add(ImportError.file(ErrorCode.PO_NUMBER_TAKEN, PO_NUMBER, "PO number \"" + plan.poNumber()
                        + "\" was taken by another import after this file was validated; nothing was written"));
            }
        }
        if (!errors.isEmpty()) {
            made.forEach(this::giveBack);
        }
        return errors;
    }

    private void giveBack(PoPlan plan) {
        if (plan.renamedFrom() != null) {
            orders.claimNumber(org, plan.poId(), plan.renamedFrom(), plan.poNumber());
        } else {
            orders.releaseNumber(org, plan.poId(), plan.poNumber());
        }
    }
}
