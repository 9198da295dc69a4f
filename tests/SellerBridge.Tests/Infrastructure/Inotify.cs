namespace SellerBridge.Tests.Infrastructure;

/// <summary>Counts a process's inotify instances, the per-user resource (128 by default) that file watchers use up.</summary>
public static class Inotify
{
    public static bool Supported => OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd");

    public static int Instances(int pid)
    {
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget == "anon_inode:inotify")
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The descriptor was closed while the folder was read.
            }
        }

        return count;
    }

    public static int InstancesOfThisProcess() => Instances(Environment.ProcessId);
}
