namespace PatchDb.AppHost.Hosting;

public enum ResourceState { Waiting, Starting, Running, Restarting, Stopping, Stopped, Failed }

public enum ResourceHealth { Unknown, Healthy, Unhealthy }
