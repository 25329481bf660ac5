using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchDb.Api.Embedding;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;
using PatchDb.Api.Recognition;
using PatchDb.Api.Services;
using PatchDb.Api.Storage;
using StackExchange.Redis;

namespace PatchDb.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RecognitionOptions>().BindConfiguration(RecognitionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CutoutOptions>().BindConfiguration(CutoutOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.AddDatabase();
        if (builder.Configuration.GetConnectionString("cache") is not null)
        {
            // Match-index invalidation across replicas; a single replica works without Redis.
            // Start and serve while Redis is away (a publish then fails at once instead of waiting in a backlog).
            builder.AddRedisClient("cache", configureOptions: redis =>
            {
                redis.AbortOnConnectFail = false;
                redis.BacklogPolicy = BacklogPolicy.FailFast;
            });
            // The Api serves without Redis (its match index reads Postgres meanwhile): Degraded, not Unhealthy, so a
            // platform's readiness probe does not take every replica out of service over the cache.
            services.PostConfigure<HealthCheckServiceOptions>(health =>
            {
                foreach (var redis in health.Registrations.Where(r => r.Name.StartsWith("StackExchange.Redis", StringComparison.Ordinal)))
                {
                    redis.FailureStatus = HealthStatus.Degraded;
                }
            });
        }
        builder.AddAuth();
        builder.AddWebDefaults();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        if (builder.Configuration[$"{StorageOptions.SectionName}:Provider"] == StorageOptions.AzureBlobProvider)
        {
            services.AddSingleton<IBlobStore, AzureBlobStore>();
        }
        else
        {
            services.AddSingleton<IBlobStore, FileSystemBlobStore>();
            services.AddHealthChecks().AddCheck<BlobDiskHealthCheck>(BlobDiskHealthCheck.Name);
        }
        services.AddSingleton<BlobReferences>();
        services.AddSingleton<AnalysisStore>();
        services.AddSingleton<MatchIndex>();
        services.AddScoped<MatchVerifier>();
        services.AddScoped<ImageMatcher>();
        services.AddScoped<EvidenceFinder>();
        services.AddSingleton<IndexInvalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexInvalidation>());
        services.AddScoped<ImageUploader>();
        services.AddScoped<UploadKeys>();
        services.AddScoped<ImageDeleter>();
        services.AddScoped<AccountDeleter>();
        services.AddScoped<PendingAnalysisProcessor>();
        services.AddScoped<Reindexer>();
        services.AddHostedService<AnalysisWorker>();
        services.AddSingleton<BlobSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<BlobSweeper>());
        services.AddSingleton<EmbedderAvailability>();
        services.AddHttpClient<EmbedderClient>(client => client.BaseAddress = EmbedderClient.BaseAddress);
    }

    private static void AddDatabase(this IHostApplicationBuilder builder)
    {
        // Aspire's integration: pooled context, health check, Npgsql traces and metrics. Its retrying execution
        // strategy is off: the Api runs its own transactions, which that strategy refuses.
        builder.AddNpgsqlDbContext<PatchDbContext>("patchdb",
            settings => settings.DisableRetry = true,
            // The model snapshot is not kept (no design-time tooling here); MigrationSchemaTests compares the
            // migrated schema with the model instead.
            options => options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        // Raw SQL of the match index, the verifier and the outbox claim (the "Npgsql" source traces it too).
        var connectionString = builder.Configuration.GetConnectionString("patchdb")
            ?? throw new InvalidOperationException("ConnectionStrings:patchdb is not configured.");
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        // First hosted service: every other one may assume the schema is current.
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
    }
}
