using System.Collections.Concurrent;
using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Services.Import;

/// <summary>
/// Runs a bulk import a few photos at a time: each file is read from the browser (Blazor Server streams it over the
/// circuit, as the single upload does), sent to the Api with its own Idempotency-Key and retried on 429 and transient
/// failures, its analysis awaited, and a confirmed match filed into its group. Everything else stays ungrouped, which
/// is the review tray: the Api holds every photo that arrived, so a closed tab loses nothing that was uploaded.
/// </summary>
public sealed class BulkImporter(ApiClient api, TimeProvider time)
{
    /// <summary>Uploads in flight at once: enough to keep the Api's analysis busy, few enough for a phone's uplink.</summary>
    public const int Concurrency = 3;

    public const long MaxBytes = 30 * 1024 * 1024;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    /// <summary>How long a pending analysis is awaited before the photo is left to the tray (which shows it later).</summary>
    public TimeSpan MaxAnalysisWait { get; init; } = TimeSpan.FromMinutes(3);

    /// <param name="changed">Called (on any thread) whenever an item's state or progress moved.</param>
    public async Task RunAsync(IReadOnlyList<ImportItem> items, Action changed, CancellationToken ct)
    {
        var queue = new ConcurrentQueue<ImportItem>(items);
        async Task WorkAsync()
        {
            while (queue.TryDequeue(out var item))
            {
                await ImportAsync(item, changed, ct);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => WorkAsync()));
    }

    public async Task ImportAsync(ImportItem item, Action changed, CancellationToken ct)
    {
        try
        {
            if (item.File.Size > MaxBytes)
            {
                throw new ApiException(413, $"This file is {item.File.Size / (1024 * 1024)} MB; the limit is {MaxBytes / (1024 * 1024)} MB.");
            }

            item.State = ImportState.Sending;
            changed();
            var bytes = await BrowserFiles.ReadAllAsync(item.File, MaxBytes, p => { if (item.SetPercent(p)) { changed(); } }, ct);
            item.State = ImportState.Analysing;
            changed();
            var result = await WithRetriesAsync(item, () => api.UploadAsync(bytes, item.Name, item.File.ContentType, ct, item.IdempotencyKey), ct);
            item.Patch = result.Patch;
            result = await AnalysedAsync(result, ct);
            if (ImportDecision.ConfirmedMatch(result) is { } match)
            {
                item.State = ImportState.Filing;
                changed();
                await WithRetriesAsync(item, async () => { await api.AddToGroupAsync(result.Patch.Id, match.GroupId, ct); return true; }, ct);
                item.FiledInto = match;
                item.State = ImportState.Filed;
                item.Message = $"Filed into {match.GroupName}";
            }
            else
            {
                item.State = ImportState.InTray;
                item.Message = result.IsPending ? "Still being analysed: waiting in the tray"
                    : result.Matches.Count + result.Candidates.Count > 0 ? "Not sure: waiting in the tray with suggestions"
                    : "New design: waiting in the tray";
            }
        }
        catch (ApiException e)
        {
            // Uploaded but not filed (a failure after the upload) still leaves the photo safely in the tray.
            item.State = item.Patch is null ? ImportState.Failed : ImportState.InTray;
            item.NeedsSignIn = e.IsUnauthorized;
            item.Message = item.Patch is null ? e.Message : $"Waiting in the tray ({e.Message})";
        }
        catch (Exception e) when (e is IOException or Microsoft.JSInterop.JSDisconnectedException)
        {
            // The file could not be read, or the tab closed while it was being read: it was never sent.
            item.State = ImportState.Failed;
            item.Message = "The photo could not be read from your device.";
        }

        changed();
    }

    private async Task<T> WithRetriesAsync<T>(ImportItem item, Func<Task<T>> call, CancellationToken ct)
    {
        var transient = 0;
        var limited = 0;
        while (true)
        {
            item.Attempts++;
            try
            {
                return await call();
            }
            catch (ApiException e)
            {
                if (e.Status == 429)
                {
                    limited++;
                }
                else
                {
                    transient++;
                }

                if (UploadRetryPolicy.DelayBeforeRetry(e, transient, limited) is not { } delay)
                {
                    throw;
                }

                item.Message = e.Status == 429 ? "Waiting for the upload limit…" : "Connection trouble, trying again…";
                await Task.Delay(delay, time, ct);
            }
        }
    }

    // The Embedder was busy: the Api finishes the analysis later. Ask until it has, or leave it to the tray.
    private async Task<UploadResponse> AnalysedAsync(UploadResponse result, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + MaxAnalysisWait;
        while (result.IsPending && time.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, time, ct);
            try
            {
                result = await api.GetPatchAsync(result.Patch.Id, ct);
            }
            catch (ApiException e) when (UploadRetryPolicy.IsTransient(e))
            {
                // Keep waiting; the photo is stored either way.
            }
        }

        return result;
    }

    /// <summary>Undoes an automatic filing: the photo goes back to the tray and that group is not suggested for it
    /// again ("Not this one").</summary>
    public async Task UndoAsync(ImportItem item, CancellationToken ct)
    {
        if (item is not { State: ImportState.Filed, Patch: { } patch, FiledInto: { } group })
        {
            return;
        }

        await api.UngroupAsync(patch.Id, ct);
        await api.RejectAsync(patch.Id, group.GroupId, ct);
        item.FiledInto = null;
        item.State = ImportState.InTray;
        item.Message = $"Undone: not {group.GroupName}, waiting in the tray";
    }
}
