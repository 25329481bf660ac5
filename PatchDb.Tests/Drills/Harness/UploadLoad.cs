namespace PatchDb.Tests.Drills.Harness;

/// <summary>Clients uploading their plans concurrently, each photo after the previous one was answered (or given up).
/// After each 201 the client reads the original back: bytes that do not hash to the upload are a half-written blob.</summary>
public sealed class UploadLoad
{
    private readonly List<UploadRecord> _records = [];
    private readonly List<string> _servedWrong = [];
    private int _acked;
    private Task? _running;

    public int Acked => Volatile.Read(ref _acked);

    public IReadOnlyList<UploadRecord> Records => _records;

    public IReadOnlyList<string> ServedWrong => _servedWrong;

    /// <param name="replicaOf">Which Api replica a client sends its n-th photo to.</param>
    public static UploadLoad Start(IReadOnlyList<DrillClient> clients, IReadOnlyList<DrillPhoto>[] plans, TimeSpan deadline,
        Func<int, int, int>? replicaOf = null, CancellationToken cancellationToken = default)
    {
        var load = new UploadLoad();
        var until = DateTimeOffset.UtcNow + deadline;
        load._running = Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var plan = plans[client.Index];
            for (var n = 0; n < plan.Count; n++)
            {
                var record = new UploadRecord(client.Index, plan[n], Guid.NewGuid().ToString("N"));
                lock (load._records)
                {
                    load._records.Add(record);
                }
                await client.UploadAsync(record, replicaOf?.Invoke(client.Index, n) ?? 0, until, cancellationToken);
                if (record.AckedId is { } id)
                {
                    Interlocked.Increment(ref load._acked);
                    if (await client.ServedSha256Async(id) is { } served && served != record.Sha256)
                    {
                        lock (load._servedWrong)
                        {
                            load._servedWrong.Add($"{id}: served {served}, uploaded {record.Sha256}");
                        }
                    }
                }
            }
        }, cancellationToken)));
        return load;
    }

    public async Task WaitForAcksAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Acked < count && !_running!.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    public Task Completion => _running!;
}
