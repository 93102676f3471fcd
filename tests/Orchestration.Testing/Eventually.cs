namespace Orchestration.Testing;

/// <summary>Waits for something that crosses a process or broker boundary, failing with a message when it does not happen.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (value is not null && value is not false) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public static Task True(Func<Task<bool>> probe, string what, TimeSpan? timeout = null) =>
        Get<object>(async () => await probe() ? true : null, what, timeout);
}
