using PatchDb.Benchmarks.Import;
using PatchDb.Benchmarks.Recognition;
using PatchDb.Benchmarks.Startup;

// Benchmarks that need the whole system; each service's own benchmark commands stay with the service.
return args switch
{
    ["bench-recognition", .. var rest] => await RecognitionBenchmark.RunAsync(rest),
    ["bench-startup", .. var rest] => await StartupBenchmark.RunAsync(rest),
    ["bench-import", .. var rest] => await ImportBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/PatchDb.Benchmarks -c Release --no-build -- <command>");
    Console.Error.WriteLine($"  {RecognitionBenchmark.Usage}");
    Console.Error.WriteLine($"  {StartupBenchmark.Usage}");
    Console.Error.WriteLine($"  {ImportBenchmark.Usage}");
    return 2;
}
