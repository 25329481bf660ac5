using PatchDb.Benchmarks.Recognition;

// Benchmarks that need the whole system; each service's own benchmark commands stay with the service.
return args switch
{
    ["bench-recognition", .. var rest] => await RecognitionBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine($"usage: dotnet run --project bench/PatchDb.Benchmarks -c Release -- {RecognitionBenchmark.Usage}");
    return 2;
}
