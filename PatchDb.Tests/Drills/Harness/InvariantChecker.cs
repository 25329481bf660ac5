using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>
/// The promises checked after every drill, once the fault is over: every 201 is listed, its bytes served and its
/// analysis done; one image per photo; every row's blob on disk and counted; no file left without a row once the
/// sweep's grace period has passed; no half-written blob (each file hashes to its name).
/// </summary>
public static class InvariantChecker
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(180);

    public static async Task CheckAsync(DrillStack stack, IReadOnlyList<DrillClient> clients, UploadLoad load, DateTimeOffset faultEnd,
        DrillResult result)
    {
        var records = load.Records;
        result.Uploads = records.Count;
        result.Acknowledged = records.Count(r => r.AckedId is not null);
        result.AcknowledgedPending = records.Count(r => r.AckedStatus == "pending");
        foreach (var attempt in records.SelectMany(r => r.Attempts).Where(a => a.Status != 201))
        {
            result.FailedAttempts[attempt.Kind] = result.FailedAttempts.GetValueOrDefault(attempt.Kind) + 1;
        }
        foreach (var record in records.Where(r => r.AckedId is null))
        {
            result.Violation($"upload of {Path.GetFileName(record.Photo.Path)} (client {record.Client}) never answered 201: "
                + string.Join(", ", record.Attempts.TakeLast(3).Select(a => $"{a.Kind} {a.Detail}")));
        }
        foreach (var wrong in load.ServedWrong)
        {
            result.Violation($"half-written or wrong blob served: {wrong}");
        }
        var back = records.SelectMany(r => r.Attempts).Where(a => a.Status == 201 && a.Started >= faultEnd).Select(a => a.Started + a.Elapsed)
            .DefaultIfEmpty().Min();
        result.UploadsBackAfter = back == default ? null : back - faultEnd;

        if (await WaitUntilAnalysedAsync(stack) is { } drained)
        {
            result.AllAnalysedAfter = drained < faultEnd ? TimeSpan.Zero : drained - faultEnd;
        }
        else
        {
            result.Violation($"analyses still pending {DrainTimeout.TotalSeconds:F0} s after the uploads ended");
        }
        await CheckListedAsync(clients, records, result);
        await CheckRowsAsync(stack, records, result);
        await CheckFilesAsync(stack, result);
    }

    private static async Task<DateTimeOffset?> WaitUntilAnalysedAsync(DrillStack stack)
    {
        var deadline = DateTimeOffset.UtcNow + DrainTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                await using var db = stack.OpenDatabase();
                if (await ScalarAsync(db, "SELECT (SELECT count(*) FROM pending_analyses) + (SELECT count(*) FROM images WHERE status <> 1)") == 0)
                {
                    return DateTimeOffset.UtcNow;
                }
            }
            catch (NpgsqlException)
            {
                // Postgres still coming back.
            }
            await Task.Delay(250);
        }
        return null;
    }

    private static async Task CheckListedAsync(IReadOnlyList<DrillClient> clients, IReadOnlyList<UploadRecord> records, DrillResult result)
    {
        var lost = 0;
        foreach (var client in clients)
        {
            var list = await client.Replica(0).GetFromJsonAsync<JsonElement>($"/{client.UserId}/patches");
            var listed = list.GetProperty("patches").EnumerateArray().SelectMany(g => g.GetProperty("images").EnumerateArray())
                .Concat(list.GetProperty("ungrouped_patches").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
            foreach (var record in records.Where(r => r.Client == client.Index && r.AckedId is not null))
            {
                var id = record.AckedId!.Value;
                var served = await client.ServedSha256Async(id);
                if (!listed.Contains(id) || served != record.Sha256)
                {
                    lost++;
                    result.Violation($"acknowledged image {id} ({Path.GetFileName(record.Photo.Path)}): listed {listed.Contains(id)}, served {served ?? "nothing"}");
                    continue;
                }
                var patch = await client.Replica(0).GetFromJsonAsync<JsonElement>($"/{client.UserId}/patch/{id}");
                if (patch.GetProperty("status").GetString() != "analyzed")
                {
                    result.Violation($"image {id} is {patch.GetProperty("status").GetString()} after the fault");
                }
                foreach (var variant in new[] { "/thumbnail", "/square" })
                {
                    if (await client.ServedSha256Async(id, variant) is null)
                    {
                        result.Violation($"image {id}: no {variant[1..]} served");
                    }
                }
            }
        }
        result.Lost = lost;
    }

    private static async Task CheckRowsAsync(DrillStack stack, IReadOnlyList<UploadRecord> records, DrillResult result)
    {
        await using var db = stack.OpenDatabase();
        result.Duplicated = (int)await ScalarAsync(db,
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM images GROUP BY user_id, original_sha256) c");
        var uploaded = records.Select(r => r.Sha256).ToHashSet();
        await using (var stray = new NpgsqlCommand("SELECT id, original_sha256 FROM images", db))
        await using (var reader = await stray.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (!uploaded.Contains(reader.GetString(1)))
                {
                    result.Violation($"image {reader.GetGuid(0)} stores bytes no client uploaded");
                }
            }
        }
        // Every reference a row makes, against the blob rows and their counts.
        await using var counts = new NpgsqlCommand("""
            WITH refs AS (
                SELECT original_sha256 AS sha FROM images
                UNION ALL SELECT thumbnail_sha256 FROM images WHERE thumbnail_sha256 IS NOT NULL
                UNION ALL SELECT square_sha256 FROM images WHERE square_sha256 IS NOT NULL
                UNION ALL SELECT cutout_sha256 FROM images WHERE cutout_sha256 IS NOT NULL),
            expected AS (SELECT sha, count(*) AS n FROM refs GROUP BY sha)
            SELECT coalesce(e.sha, b.sha256), coalesce(e.n, 0), coalesce(b.reference_count, 0)
            FROM expected e FULL JOIN blobs b ON b.sha256 = e.sha
            WHERE coalesce(e.n, 0) <> coalesce(b.reference_count, 0)
            """, db);
        await using var mismatches = await counts.ExecuteReaderAsync();
        while (await mismatches.ReadAsync())
        {
            result.Violation($"blob {mismatches.GetString(0)}: {mismatches.GetInt64(1)} references, counted {mismatches.GetInt32(2)}");
        }
    }

    private static async Task CheckFilesAsync(DrillStack stack, DrillResult result)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        await using (var db = stack.OpenDatabase())
        await using (var command = new NpgsqlCommand("SELECT sha256 FROM blobs", db))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }
        var files = BlobFiles(stack.BlobRoot).ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var missing in rows.Where(r => !files.ContainsKey(r)))
        {
            result.Violation($"blob row {missing} has no file");
        }
        foreach (var file in files.Values.Where(f => rows.Contains(f.Name)))
        {
            await using var stream = file.OpenRead();
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)) != file.Name)
            {
                result.Violation($"blob file {file.Name} does not hash to its name (half-written)");
            }
        }
        // Files without a row (a crash between publishing and committing) are the sweep's, after its grace period.
        var deadline = DateTime.UtcNow + stack.Options.SweepGrace + stack.Options.SweepInterval * 3 + TimeSpan.FromSeconds(15);
        while (true)
        {
            var orphans = BlobFiles(stack.BlobRoot).Where(f => !rows.Contains(f.Name))
                .Concat(StagedFiles(stack.BlobRoot)).ToList();
            if (orphans.Count == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                result.Violation($"{orphans.Count} files without a row left after the sweep's grace period: "
                    + string.Join(", ", orphans.Take(3).Select(f => f.Name)));
                return;
            }
            await Task.Delay(500);
        }
    }

    private static IEnumerable<FileInfo> BlobFiles(string root) =>
        new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => f.Name.Length == 64 && !f.DirectoryName!.EndsWith(".staging", StringComparison.Ordinal));

    private static IEnumerable<FileInfo> StagedFiles(string root) =>
        Directory.Exists(Path.Combine(root, ".staging")) ? new DirectoryInfo(Path.Combine(root, ".staging")).EnumerateFiles() : [];

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
