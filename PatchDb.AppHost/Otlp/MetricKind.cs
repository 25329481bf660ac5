namespace PatchDb.AppHost.Otlp;

public enum MetricKind { Gauge, Sum, Histogram }
