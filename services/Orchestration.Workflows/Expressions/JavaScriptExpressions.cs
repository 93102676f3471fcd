using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace Orchestration.Workflows.Expressions;

/// <summary>
/// JavaScript expressions as Elsa 3 runs them (Jint). A script may <c>return</c> at its top level; its value is the expression's value.
/// It sees Elsa's functions: <c>getVariable(name)</c>, <c>setVariable(name, value)</c>, <c>variables.x</c> (read and write),
/// <c>get{X}()</c>/<c>set{X}(value)</c> for each variable whose name is letters and digits, <c>getInput(name)</c> (case-insensitive,
/// null when absent) and <c>get{Name}()</c> for each declared input, <c>getLastResult()</c>, <c>getWorkflowInstanceId()</c>,
/// <c>getCorrelationId()</c>, <c>getWorkflowDefinitionId()</c>, <c>getWorkflowDefinitionVersionId()</c>,
/// <c>getWorkflowDefinitionVersion()</c>, <c>getWorkflowInstanceName()</c>, <c>isNullOrWhiteSpace</c>, <c>isNullOrEmpty</c>,
/// <c>toJson</c>, <c>newGuid</c>, <c>newGuidString</c>, <c>newShortGuid</c>, <c>parseGuid</c>, <c>stringToBase64</c> and
/// <c>stringFromBase64</c>; and this runtime's <c>today()</c> (the county's date of the run, <c>yyyy-MM-dd</c>). Scripts run with
/// statement, recursion, memory, regex and time limits, and a result or variables larger than 1,000,000 characters of JSON is refused.
/// </summary>
public static class JavaScriptExpressions
{
    /// <summary>The globals Elsa's JavaScript provides besides the per-variable and per-input accessors.</summary>
    public static readonly IReadOnlySet<string> ElsaGlobals = new HashSet<string>(StringComparer.Ordinal)
    {
        "variables", "getVariable", "setVariable", "getInput", "getOutputFrom", "getLastResult", "getWorkflowInstanceId", "getCorrelationId",
        "setCorrelationId", "getWorkflowDefinitionId", "getWorkflowDefinitionVersionId", "getWorkflowDefinitionVersion",
        "getWorkflowInstanceName", "setWorkflowInstanceName", "isNullOrWhiteSpace", "isNullOrEmpty", "toJson", "parseGuid", "newGuid",
        "newGuidString", "newShortGuid", "stringToBase64", "stringFromBase64", "setOutcome", "setOutcomes",
    };

    /// <summary>Scripts prepared once per text (Elsa caches them too); the cache is emptied when it holds this many.</summary>
    const int MaxPrepared = 2048;

    static readonly ConcurrentDictionary<string, Prepared<Script>> Prepared = new(StringComparer.Ordinal);

    /// <summary>Parses as Elsa does: a top-level <c>return</c> is allowed, and the globals a script names are collected.</summary>
    public static Prepared<Script> Prepare(string code)
    {
        if (Prepared.TryGetValue(code, out var prepared)) return prepared;
        prepared = Engine.PrepareScript(code, options: new ScriptPreparationOptions
        {
            ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true },
            CollectReferencedGlobals = true,
        });
        if (Prepared.Count >= MaxPrepared) Prepared.Clear();
        return Prepared[code] = prepared;
    }

    /// <summary>Null when <paramref name="code"/> parses, else the parser's message.</summary>
    public static string? ParseError(string code)
    {
        try
        {
            Prepare(code);
            return null;
        }
        catch (Exception ex) when (ex is ScriptPreparationException or Acornima.ParseErrorException or Jint.Runtime.JavaScriptException)
        {
            return ex.Message;
        }
    }

    /// <summary>The globals <paramref name="code"/> names that it does not declare itself (null when it does not parse).</summary>
    public static IReadOnlyCollection<string>? ReferencedGlobals(string code) => ParseError(code) is null ? Prepare(code).ReferencedGlobals?.ToList() : null;

    /// <summary>The globals of earlier releases of this runtime that Elsa lacks (<see cref="ExpressionScope.LegacyGlobals"/>).</summary>
    public static readonly IReadOnlySet<string> LegacyGlobalNames = new HashSet<string>(StringComparer.Ordinal) { "input", "lastResult" };

    /// <summary>Which of <see cref="LegacyGlobalNames"/> <paramref name="code"/> reads (none when it does not parse).</summary>
    public static IEnumerable<string> LegacyGlobalsIn(string code) => (ReferencedGlobals(code) ?? []).Where(LegacyGlobalNames.Contains);

    /// <summary>The name of a variable's or input's accessor: Elsa's Pascal case, the first ASCII letter in upper case.</summary>
    public static string Accessor(string prefix, string name) =>
        prefix + (name.Length > 0 && char.IsAsciiLetterLower(name[0]) ? char.ToUpperInvariant(name[0]) + name[1..] : name);

    /// <summary>Elsa gives accessors only to names of letters and digits.</summary>
    public static bool HasAccessors(string name) => name.Length > 0 && name.All(char.IsLetterOrDigit);

    public static JsonNode? Evaluate(string code, ExpressionScope scope) => Run(code, scope).Result;

    /// <summary>Runs a script (Elsa's Run JavaScript): its value, and the outcomes it chose with <c>setOutcome</c>/<c>setOutcomes</c>, if any.</summary>
    public static (JsonNode? Result, IReadOnlyList<string>? Outcomes) Run(string code, ExpressionScope scope)
    {
        var script = Prepare(code);
        var engine = new Engine(options =>
        {
            options.Constraints.MaxArraySize = Expressions.MaxArraySize;
            options.LimitRecursion(64).MaxStatements(100_000).TimeoutInterval(TimeSpan.FromSeconds(5))
                .LimitMemory(Expressions.MaxMemoryBytes).RegexTimeoutInterval(TimeSpan.FromSeconds(1));
        });
        var parser = new JsonParser(engine);
        var visible = scope.Visible();
        engine.SetValue("variables", parser.Parse(visible.ToJsonString()));
        engine.SetValue("__host", Host(parser, scope));
        engine.Execute(Prelude);
        // One builtin call is one statement, so the memory limit would look only after it: the builtins that make long strings check first.
        engine.Execute(StringLimits);
        if (scope.LegacyGlobals)
        {
            engine.SetValue("input", parser.Parse(scope.Input.ToJsonString()));
            engine.SetValue("lastResult", scope.LastResult is null ? JsValue.Null : parser.Parse(scope.LastResult.ToJsonString()));
        }

        var result = engine.Evaluate(script);

        // Scripts may have changed variables through setVariable, set{X}() or variables.x.
        var serializer = new JsonSerializer(engine);
        var variables = Expressions.Bounded(serializer.Serialize(engine.GetValue("variables")).AsString(), "The variables");
        var answer = result.IsUndefined() ? null : Expressions.Bounded(serializer.Serialize(result).AsString(), "The result");
        if (JsonNode.Parse(variables) is JsonObject changed)
            foreach (var (name, node) in changed.ToList())
                scope.Write(name, node?.DeepClone());

        var chosen = engine.Evaluate("__outcomes");
        IReadOnlyList<string>? outcomes = chosen.IsArray()
            ? [.. chosen.AsArray().Select(o => o.IsNull() || o.IsUndefined() ? "" : o.ToString()).Where(o => o.Length > 0)]
            : null;
        return (answer is null ? null : JsonNode.Parse(answer), outcomes);
    }

    /// <summary>What the prelude reads once and then forgets: the input, the last result, the procedure and the accessor names.</summary>
    static JsValue Host(JsonParser parser, ExpressionScope scope)
    {
        var workflow = scope.Workflow;
        var host = new JsonObject
        {
            ["input"] = scope.Input.DeepClone(),
            ["lastResult"] = scope.LastResult?.DeepClone(),
            ["instanceId"] = workflow?.InstanceId,
            ["correlationId"] = workflow?.CorrelationId,
            ["definitionId"] = workflow?.DefinitionId,
            ["definitionVersionId"] = workflow?.DefinitionVersionId,
            ["version"] = workflow?.Version,
            ["name"] = workflow?.Name,
            ["today"] = scope.Today?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["variableAccessors"] = new JsonArray(scope.Visible().Select(v => v.Key).Where(HasAccessors)
                .Select(name => (JsonNode)new JsonArray(name, Accessor("get", name), Accessor("set", name))).ToArray()),
            ["inputAccessors"] = new JsonArray(scope.InputNames.Where(HasAccessors)
                .Select(name => (JsonNode)new JsonArray(name, "get" + name)).ToArray()),
            ["outputs"] = new JsonObject(scope.Outputs.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value.DeepClone()))),
            ["activityIds"] = new JsonObject(scope.OutputAccessors.GroupBy(a => a.ActivityName).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.First().ActivityId))),
            ["outputAccessors"] = new JsonArray(scope.OutputAccessors.Where(a => HasAccessors(a.ActivityName) && HasAccessors(a.Output))
                .Select(a => (JsonNode)new JsonArray(Accessor("get", a.Output) + "From" + Accessor("", a.ActivityName), a.ActivityId, a.Output)).ToArray()),
        };
        return parser.Parse(host.ToJsonString());
    }

    /// <summary>
    /// Elsa's functions, defined in JavaScript over the host values. As in Elsa, the variable accessors are defined after the common
    /// functions and the input accessors after those, so a later one of the same name wins.
    /// </summary>
    static readonly Prepared<Script> Prelude = Engine.PrepareScript("""
        (function (g, host) {
          delete g.__host;
          function define(name, value) { Object.defineProperty(g, name, { value: value, writable: true, configurable: true, enumerable: false }); }
          function orNull(value) { return value === undefined ? null : value; }
          function guid() {
            var hex = '0123456789abcdef', text = '';
            for (var i = 0; i < 32; i++) text += hex.charAt(Math.floor(Math.random() * 16));
            text = text.substring(0, 12) + '4' + text.substring(13, 16) + hex.charAt(8 + Math.floor(Math.random() * 4)) + text.substring(17);
            return text.substring(0, 8) + '-' + text.substring(8, 12) + '-' + text.substring(12, 16) + '-' + text.substring(16, 20) + '-' + text.substring(20);
          }
          function utf8(text) { return unescape(encodeURIComponent(text)); }
          var base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
          function toBase64(text) {
            var bytes = utf8(String(text)), out = '';
            for (var i = 0; i < bytes.length; i += 3) {
              var n = (bytes.charCodeAt(i) << 16) | ((bytes.charCodeAt(i + 1) || 0) << 8) | (bytes.charCodeAt(i + 2) || 0);
              out += base64.charAt(n >> 18 & 63) + base64.charAt(n >> 12 & 63)
                + (i + 1 < bytes.length ? base64.charAt(n >> 6 & 63) : '=') + (i + 2 < bytes.length ? base64.charAt(n & 63) : '=');
            }
            return out;
          }
          function fromBase64(text) {
            var clean = String(text).replace(/=+$/, ''), bytes = '', bits = 0, buffer = 0;
            for (var i = 0; i < clean.length; i++) {
              var index = base64.indexOf(clean.charAt(i));
              if (index < 0) throw new TypeError('The input is not a valid Base-64 string.');
              buffer = (buffer << 6) | index; bits += 6;
              if (bits >= 8) { bits -= 8; bytes += String.fromCharCode(buffer >> bits & 255); }
            }
            return decodeURIComponent(escape(bytes));
          }

          define('getVariable', function (name) { return orNull(variables[name]); });
          define('setVariable', function (name, value) { variables[name] = value; });
          function getInput(name) {
            if (Object.prototype.hasOwnProperty.call(host.input, name)) return orNull(host.input[name]);
            var wanted = String(name).toLowerCase();
            for (var key in host.input) if (key.toLowerCase() === wanted) return orNull(host.input[key]);
            return null;
          }
          define('getInput', getInput);
          define('getLastResult', function () { return orNull(host.lastResult); });
          function getOutputFrom(activity, outputName) {
            var id = Object.prototype.hasOwnProperty.call(host.activityIds, activity) ? host.activityIds[activity] : activity;
            var outputs = host.outputs[id];
            if (!outputs) return null;
            if (outputName === undefined || outputName === null) {
              if (Object.prototype.hasOwnProperty.call(outputs, 'Result')) return orNull(outputs.Result);
              var names = Object.keys(outputs);
              return names.length > 0 ? orNull(outputs[names[0]]) : null;
            }
            if (Object.prototype.hasOwnProperty.call(outputs, outputName)) return orNull(outputs[outputName]);
            var wanted = String(outputName).toLowerCase();
            for (var key in outputs) if (key.toLowerCase() === wanted) return orNull(outputs[key]);
            return null;
          }
          define('getOutputFrom', getOutputFrom);
          define('__outcomes', null);
          define('setOutcome', function (value) { g.__outcomes = [String(value)]; });
          define('setOutcomes', function (values) { g.__outcomes = Array.prototype.slice.call(values).map(String); });
          define('getWorkflowInstanceId', function () { return host.instanceId; });
          define('getCorrelationId', function () { return host.correlationId; });
          define('setCorrelationId', function () { throw new Error('setCorrelationId: a procedure is correlated by its instance id, which cannot change.'); });
          define('getWorkflowDefinitionId', function () { return host.definitionId; });
          define('getWorkflowDefinitionVersionId', function () { return host.definitionVersionId; });
          define('getWorkflowDefinitionVersion', function () { return host.version; });
          define('getWorkflowInstanceName', function () { return host.name; });
          define('setWorkflowInstanceName', function () { throw new Error('setWorkflowInstanceName: a procedure keeps the name of its definition.'); });
          define('isNullOrWhiteSpace', function (value) { return value === null || value === undefined || String(value).trim() === ''; });
          define('isNullOrEmpty', function (value) { return value === null || value === undefined || String(value) === ''; });
          define('toJson', function (value) { return JSON.stringify(value); });
          define('parseGuid', function (value) {
            var text = String(value).trim().replace(/^[{(]|[})]$/g, '').toLowerCase();
            if (/^[0-9a-f]{32}$/.test(text)) text = text.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
            if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) throw new TypeError('Unrecognized Guid format.');
            return text;
          });
          define('newGuid', guid);
          define('newGuidString', guid);
          define('newShortGuid', function () { return toBase64(guid()).replace(/[\/+=]/g, '').substring(0, 22); });
          define('stringToBase64', toBase64);
          define('stringFromBase64', fromBase64);
          define('today', function () { return host.today; });

          host.variableAccessors.forEach(function (accessor) {
            define(accessor[1], function () { return orNull(variables[accessor[0]]); });
            define(accessor[2], function (value) { variables[accessor[0]] = value; });
          });
          host.outputAccessors.forEach(function (accessor) {
            define(accessor[0], function () { return getOutputFrom(accessor[1], accessor[2]); });
          });
          host.inputAccessors.forEach(function (accessor) {
            define(accessor[1], function () { return getInput(accessor[0]); });
          });
        })(globalThis, __host);
        """);

    static readonly Prepared<Script> StringLimits = Engine.PrepareScript($$"""
        (function (limit) {
          function guard(name, length) {
            var original = String.prototype[name];
            String.prototype[name] = function () {
              if (length(String(this), arguments) > limit) throw new RangeError(name + ' would make a string longer than ' + limit + ' characters');
              return original.apply(this, arguments);
            };
          }
          guard('repeat', function (s, a) { return s.length * Number(a[0]); });
          guard('padStart', function (s, a) { return Number(a[0]); });
          guard('padEnd', function (s, a) { return Number(a[0]); });
        })({{Expressions.MaxValueLength}});
        """);
}
