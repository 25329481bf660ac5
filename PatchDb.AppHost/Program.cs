Console.WriteLine("PatchDb.AppHost: orchestration not implemented yet.");
