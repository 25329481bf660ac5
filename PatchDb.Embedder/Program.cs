using PatchDb.Embedder.Apis;
using PatchDb.Embedder.Benchmarks;
using PatchDb.Embedder.Extensions;

switch (args)
{
    case ["bench-recall", .. var recallArgs]:
        return await RecallBenchmark.RunAsync(recallArgs);
    case ["bench-words", .. var wordArgs]:
        return await VisualWordBenchmark.RunAsync(wordArgs);
    case ["bench-distinct", .. var distinctArgs]:
        return await DistinctiveBenchmark.RunAsync(distinctArgs);
    case ["bench-local", .. var localArgs]:
        return await LocalFeatureBenchmark.RunAsync(localArgs);
    case ["bench-evidence", .. var evidenceArgs]:
        return await EvidenceDump.RunAsync(evidenceArgs);
    case ["bench-throughput", .. var throughputArgs]:
        return await ThroughputBenchmark.RunAsync(throughputArgs);
    case ["bench-rejections", .. var rejectionArgs]:
        return await RejectionBenchmark.RunAsync(rejectionArgs);
    case ["bench-stages", .. var stageArgs]:
        return await StageBenchmark.RunAsync(stageArgs);
    case ["bench-cutouts", .. var cutOutArgs]:
        return CutOutBenchmark.Run(cutOutArgs);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseProblemResponses();

app.MapDefaultEndpoints();
app.MapAnalysisApi();
app.MapVerifyApi();
app.MapEvidenceApi();

app.Run();
return 0;
