using PatchDb.Drills;

// The fault drills of docs/reliability.md at full size; the test suite runs the same drills smaller.
return args switch
{
    ["drills", .. var rest] => await DrillsCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/PatchDb.Drills -c Release --no-build -- " + DrillsCommand.Usage);
    return 2;
}
