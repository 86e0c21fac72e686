package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.columns.RowCells;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pass 2: every rule on every row, header conflicts in detail, nothing written. */
final class PoValidationPass extends PoPass {
    private final Map<String, PoPlan> plans;
    private final HeaderConsistency consistency;
    private final Map<String, LineMatcher> matchers = new LinkedHashMap<>();
    private final Map<String, Set<String>> checkedHeaderColumns = new HashMap<>();

    PoValidationPass(Catalog catalog, ImportJob job, Map<String, PoPlan> plans, HeaderConsistency consistency) {
        super(catalog, job);
        this.plans = plans;
        this.consistency = consistency;
    }

    @Override
    public void row(CsvRow csv) {
        var cells = new RowCells(csv, layout.header());
        var po = layout.poNumber(csv);
        var headerProblems = List.<ImportError>of();
        if (po.isEmpty()) {
            cells.fail(PO_NUMBER, null, ErrorCode.REQUIRED, "po_number is required on every row");
            parser.header(cells);
            if (layout.hasLine(csv)) {
                parser.line(cells);
            }
        } else {
            headerProblems = consistency.check(po, csv.row(), layout.headerCells(csv));
            checkPo(po, cells);
        }
        if (cells.hasErrors() || !headerProblems.isEmpty()) {
            job.errors().row(csv, cells.errors(), headerProblems);
        }
        job.keepAlive();
    }

    @Override
    public void rejected(CsvRow row, ImportError error) {
        job.errors().row(row, List.of(error));
    }

    private void checkPo(String po, RowCells cells) {
        var plan = plans.get(po);
        if (!matchers.containsKey(po)) {
            if (plan.problem() != null) {
                var problem = plan.problem();
                cells.fail(problem.column(), problem.value(), problem.code(), problem.message());
            }
            matchers.put(po, new LineMatcher(plan.existing() == null ? List.of() : plan.existing().lines()));
        }
        checkHeaderValues(po, cells);
        if (layout.hasLine(cells.csv())) {
            var line = parser.line(cells);
            if (plan.problem() == null) {
                LineRules.check(plan, matchers.get(po), line, cells);
            }
        }
    }

    /**
     * Header values are the same on every row of a valid PO, so each column's value is checked
     * once per PO: on the first row where it is filled (a blank cell is a HEADER_BLANK instead).
     */
    private void checkHeaderValues(String po, RowCells cells) {
        var scratch = new RowCells(cells.csv(), layout.header());
        parser.header(scratch);
        var checked = checkedHeaderColumns.computeIfAbsent(po, p -> new HashSet<>());
        for (var error : scratch.errors()) {
            if (error.column() != null && !checked.contains(error.column())) {
                cells.fail(error.column(), error.value(), error.code(), error.message());
            }
        }
        var columns = layout.headerColumns();
        var values = layout.headerCells(cells.csv());
        for (int i = 0; i < columns.size(); i++) {
            if (values.get(i) != null && !values.get(i).isEmpty()) {
                checked.add(columns.get(i));
            }
        }
    }
}
