using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PatchDb.Embedder.Services;

namespace PatchDb.Tests.Embedder;

/// <summary>Records the "PatchDb.Embedder" measurements of one host only (its meters are scoped to its IMeterFactory).</summary>
internal sealed class EmbedderMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value)> _measurements = new();

    public EmbedderMetrics(IMeterFactory hostMeterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EmbedderTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, hostMeterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, value, _, _) => _measurements.Enqueue((i.Name, value)));
        _listener.SetMeasurementEventCallback<int>((i, value, _, _) => _measurements.Enqueue((i.Name, value)));
        _listener.SetMeasurementEventCallback<long>((i, value, _, _) => _measurements.Enqueue((i.Name, value)));
        _listener.Start();
    }

    public IReadOnlyList<double> Values(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];

    public double Sum(string instrument) => Values(instrument).Sum();

    public void Dispose() => _listener.Dispose();
}
