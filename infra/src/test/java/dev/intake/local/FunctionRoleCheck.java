package dev.intake.local;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The deployed function's role, enforced on the emulators: every request a handler's client sends
 * is turned into the IAM actions AWS would authorise it by (a transaction by each of its items'
 * actions, a read of an object version by {@code s3:GetObjectVersion}, ...), and one that
 * {@link FunctionRole} does not allow is refused as AWS would refuse it, with AccessDenied, and
 * recorded. {@link Emulators} fails every test after which a refusal is recorded, so the whole
 * suite checks that template.yaml grants what the function really does. A request of a kind not
 * mapped here is refused too: map it when the function starts sending it.
 */
final class FunctionRoleCheck implements ExecutionInterceptor {

    /** One IAM action on one resource. */
    record Permission(String action, String resource) {
        @Override
        public String toString() {
            return action + " on " + resource;
        }
    }

    private final FunctionRole role;
    private final String localBucket;
    private final String stackBucket;
    private final List<String> refusals;

    /** {@code localBucket} plays the stack's bucket; what is refused is added to {@code refusals}. */
    FunctionRoleCheck(FunctionRole role, String localBucket, List<String> refusals) {
        this.role = role;
        this.localBucket = localBucket;
        this.stackBucket = role.stackBucketName();
        this.refusals = refusals;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        var request = context.request();
        var refused = new ArrayList<String>();
        try {
            for (var permission : needed(request)) {
                if (!role.allows(permission.action(), permission.resource())) {
                    refused.add(permission.toString());
                }
            }
        } catch (IllegalArgumentException unmapped) {
            refused.add(unmapped.getMessage());
        }
        if (!refused.isEmpty()) {
            var message = request.getClass().getSimpleName() + " needs what template.yaml's function role does not grant: "
                    + String.join("; ", refused);
            refusals.add(message);
            throw AwsServiceException.builder().statusCode(403).message(message)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage(message).build())
                    .build();
        }
    }

    /** The permissions AWS checks for {@code request}. */
    List<Permission> needed(SdkRequest request) {
        return switch (request) {
            case GetItemRequest r -> List.of(dynamo("GetItem", r.tableName()));
            case PutItemRequest r -> List.of(dynamo("PutItem", r.tableName()));
            case UpdateItemRequest r -> List.of(dynamo("UpdateItem", r.tableName()));
            case DeleteItemRequest r -> List.of(dynamo("DeleteItem", r.tableName()));
            case QueryRequest r -> List.of(index("Query", r.tableName(), r.indexName()));
            case ScanRequest r -> List.of(index("Scan", r.tableName(), r.indexName()));
            case BatchGetItemRequest r -> r.requestItems().keySet().stream().map(t -> dynamo("BatchGetItem", t)).toList();
            case BatchWriteItemRequest r -> r.requestItems().keySet().stream().map(t -> dynamo("BatchWriteItem", t)).toList();
            case TransactWriteItemsRequest r -> r.transactItems().stream().map(this::transactionItem).toList();
            case TransactGetItemsRequest r -> r.transactItems().stream().map(i -> dynamo("GetItem", i.get().tableName())).toList();
            case GetObjectRequest r -> List.of(object(r.versionId() == null ? "GetObject" : "GetObjectVersion", r.bucket(), r.key()));
            case HeadObjectRequest r -> List.of(object(r.versionId() == null ? "GetObject" : "GetObjectVersion", r.bucket(), r.key()));
            case PutObjectRequest r -> putObject(r);
            // a multipart upload's steps are authorised as the PutObject they make, but its abort
            case CreateMultipartUploadRequest r -> List.of(object("PutObject", r.bucket(), r.key()));
            case UploadPartRequest r -> List.of(object("PutObject", r.bucket(), r.key()));
            case CompleteMultipartUploadRequest r -> List.of(object("PutObject", r.bucket(), r.key()));
            case AbortMultipartUploadRequest r -> List.of(object("AbortMultipartUpload", r.bucket(), r.key()));
            case DeleteObjectRequest r ->
                    List.of(object(r.versionId() == null ? "DeleteObject" : "DeleteObjectVersion", r.bucket(), r.key()));
            case CopyObjectRequest r -> List.of(
                    object(r.sourceVersionId() == null ? "GetObject" : "GetObjectVersion", r.sourceBucket(), r.sourceKey()),
                    object("PutObject", r.destinationBucket(), r.destinationKey()));
            case ListObjectsV2Request r -> List.of(bucket("ListBucket", r.bucket()));
            case ListObjectsRequest r -> List.of(bucket("ListBucket", r.bucket()));
            case ListObjectVersionsRequest r -> List.of(bucket("ListBucketVersions", r.bucket()));
            case PutEventsRequest r -> r.entries().stream().map(this::event).distinct().toList();
            default -> throw new IllegalArgumentException("no IAM action known here for " + request.getClass().getSimpleName()
                    + ": map it in FunctionRoleCheck");
        };
    }

    private Permission transactionItem(TransactWriteItem item) {
        if (item.put() != null) {
            return dynamo("PutItem", item.put().tableName());
        }
        if (item.update() != null) {
            return dynamo("UpdateItem", item.update().tableName());
        }
        if (item.delete() != null) {
            return dynamo("DeleteItem", item.delete().tableName());
        }
        return dynamo("ConditionCheckItem", item.conditionCheck().tableName());
    }

    private List<Permission> putObject(PutObjectRequest request) {
        var needed = new ArrayList<Permission>();
        needed.add(object("PutObject", request.bucket(), request.key()));
        if (request.tagging() != null) {
            needed.add(object("PutObjectTagging", request.bucket(), request.key()));
        }
        if (request.acl() != null) {
            needed.add(object("PutObjectAcl", request.bucket(), request.key()));
        }
        return needed;
    }

    private Permission dynamo(String operation, String table) {
        return new Permission("dynamodb:" + operation, role.tableArn(table));
    }

    private Permission index(String operation, String table, String index) {
        return new Permission("dynamodb:" + operation, role.tableArn(table) + (index == null ? "" : "/index/" + index));
    }

    private Permission object(String operation, String bucket, String key) {
        return new Permission("s3:" + operation, "arn:aws:s3:::" + stackName(bucket) + "/" + key);
    }

    private Permission bucket(String operation, String bucket) {
        return new Permission("s3:" + operation, "arn:aws:s3:::" + stackName(bucket));
    }

    private Permission event(PutEventsRequestEntry entry) {
        return new Permission("events:PutEvents", role.busArn(entry.eventBusName() == null ? "default" : entry.eventBusName()));
    }

    private String stackName(String bucket) {
        return bucket.equals(localBucket) ? stackBucket : bucket;
    }
}
