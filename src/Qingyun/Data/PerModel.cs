using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Qingyun.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) for the hot request path, one per model. A compiled query skips,
/// on every call, EF's walk of the LINQ tree that pulls the parameters out and the query-cache lookup that hashes
/// and compares the tree: about a sixth of a check-in's CPU in a profile (issue 4). EF binds a compiled query to
/// the model it first ran with, and the SQLite and PostgreSQL contexts — or two hosts in one process, as in the
/// tests — have different models, hence one compiled query per model.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db)
    {
        var model = db.Model;
        return _byModel.TryGetValue(model, out var query) ? query : _byModel.GetValue(model, _ => compile());
    }
}
