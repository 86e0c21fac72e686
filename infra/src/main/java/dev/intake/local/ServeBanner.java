package dev.intake.local;

import java.nio.file.Path;

/** What {@code ./intake serve} prints when it is ready: where S3 and DynamoDB are, and AWS CLI commands to paste. */
final class ServeBanner {

    private static final String SAMPLE = "samples/acme/part-inventory/receiving-2026-11.csv";

    private ServeBanner() {}

    static String text(LocalAws aws, Path home) {
        var s3 = aws.s3Endpoint();
        var dynamo = aws.dynamoEndpoint();
        var bucket = aws.bucket();
        return """
                Intake serve: every .csv that lands in s3://%1$s goes to the real handler (state in %2$s).
                  S3        %3$s   bucket %1$s
                  DynamoDB  %4$s   tables %5$s
                With the AWS CLI (S3 checks this key; DynamoDB takes any key and region):
                  export AWS_ACCESS_KEY_ID=dummy AWS_SECRET_ACCESS_KEY=dummy AWS_REGION=%6$s AWS_DEFAULT_REGION=%6$s
                  aws --endpoint-url %3$s s3 cp %7$s s3://%1$s/acme/part-inventory/
                  aws --endpoint-url %3$s s3 cp s3://%1$s/acme/part-inventory/receiving-2026-11.csv.report.json -
                  aws --endpoint-url %4$s dynamodb scan --table-name %8$s
                Other ./intake commands use this serve while it runs. Ctrl-C stops it.
                """.formatted(bucket, home, s3, dynamo, String.join(", ", aws.tableNames()), aws.region(), SAMPLE,
                aws.config().inventoryTable());
    }
}
