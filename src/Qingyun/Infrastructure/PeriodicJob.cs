using Qingyun.Security;

namespace Qingyun.Infrastructure;

/// <summary>
/// A background round every <see cref="Every"/>, run as the system (no user is behind it) in its own scope.
/// A failed round is logged and retried at the next tick; it never stops the host. Each job keeps its round
/// in a static method the tests call directly with their clock.
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, ILogger log, TimeProvider clock) : BackgroundService
{
    /// <summary>How often the round runs.</summary>
    protected abstract TimeSpan Every { get; }

    /// <summary>The name the audit log shows for the system actor.</summary>
    protected abstract string Actor { get; }

    /// <summary>One round; returns how many things it did (logged when above zero).</summary>
    protected abstract Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem(Actor);
                var done = await RunOnceAsync(scope.ServiceProvider, clock, stoppingToken);
                if (done > 0)
                {
                    log.LogInformation("{Job}: {Count} done", Actor, done);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "{Job} failed; retried at the next tick", Actor);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
