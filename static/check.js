// The response checker (/check/). Everything runs in this page: the pasted text is parsed here and
// never sent anywhere. The rules per status code come from check/rules.json, which the build writes
// from the code entries; this script holds only generic HTTP rules (framing, dates, HTTP/2 fields)
// and the few status checks no entry states. Pasted text only ever reaches the page as textContent.
(function () {
  "use strict";
  // The catalogue's words (theme.js, docs/catalogues.md), or the English ones given here.
  var uiText = function (key, args, english) {
    var text = window.httprefText && window.httprefText(key, args);
    return text == null ? english : text;
  };
  var form = document.getElementById("check-form");
  if (!form || !window.fetch || !window.TextEncoder) {
    return;
  }
  var input = document.getElementById("check-input");
  var result = document.getElementById("check-result");
  var status = document.getElementById("check-status");

  // Bounds: header lines read per message, findings shown per rule, bytes put in the address.
  var MAX_HEADER_LINES = 1000;
  var MAX_PER_RULE = 20;
  var MAX_SHARE = 32768;

  var RFC = "https://www.rfc-editor.org/rfc/rfc";
  function sec(rfc, section) {
    return { label: "RFC " + rfc + " §" + section, url: RFC + rfc + "#section-" + section };
  }
  var SPEC = {
    content: sec(9110, "6.4.1"),
    contentLength: sec(9110, "8.6"),
    teAndCl: sec(9112, "6.1"),
    date: sec(9110, "5.6.7"),
    retryAfter: sec(9110, "10.2.3"),
    fieldSyntax: sec(9112, "5"),
    obsFold: sec(9112, "5.2"),
    startLine: sec(9112, "4"),
    statusCode: sec(9110, "15"),
    h2Fields: sec(9113, "8.2.2"),
    connect: sec(9110, "9.3.6"),
    allow: sec(9110, "15.5.6"),
    created: sec(9110, "15.3.2"),
    notModified: sec(9110, "15.4.5"),
    safe: sec(9110, "9.2.1"),
  };

  var TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
  var STATUS_LINE = /^(HTTP\/\d(?:\.\d)?) +(\S+)(?: (.*))?$/;
  var REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/\d(?:\.\d)?)$/;
  var PSEUDO = /^:?(status|method|path|authority|scheme|protocol)\s*:\s*(.*)$/i;
  var HEADER = /^(:?[^\s:]+):[ \t]*(.*?)[ \t]*$/;

  // ---- Parsing ----------------------------------------------------------------------------

  // curl -v marks request lines "> ", response lines "< " and its own remarks "* "; the body
  // follows unmarked. The marks are dropped so the rest reads as a raw exchange.
  function unCurl(lines) {
    var marked = 0;
    for (var i = 0; i < lines.length && i < 400; i++) {
      if (/^< /.test(lines[i]) || lines[i] === "<") marked++;
    }
    if (marked === 0) return lines;
    var out = [];
    for (var j = 0; j < lines.length; j++) {
      var line = lines[j];
      if (/^[<>]( |$)/.test(line)) out.push(line.slice(2));
      else if (/^[*{}] /.test(line)) continue;
      else out.push(line);
    }
    return out;
  }

  function startOf(line) {
    var m = STATUS_LINE.exec(line);
    if (m) return { kind: "response", version: m[1], status: m[2], reason: m[3] || "" };
    m = REQUEST_LINE.exec(line);
    if (m) return { kind: "request", method: m[1], target: m[2], version: m[3] };
    return null;
  }

  function parse(text) {
    var lines = unCurl(text.split(/\r\n|\n|\r/));
    var messages = [];
    var problems = [];
    var stopped = null;
    var current = null;
    var state = "seek";
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var start = state === "headers" && current.pseudo ? null : startOf(line);
      if (start && (state !== "body" || start.kind === "response" || current.kind === "response")) {
        if (state === "body" || state === "headers") close(current, i);
        current = start;
        current.line = i + 1;
        current.headers = [];
        current.bodyStart = current.bodyEnd = -1;
        messages.push(current);
        state = "headers";
        continue;
      }
      if (state === "seek") {
        if (line.trim() === "") continue;
        if (PSEUDO.test(line)) {
          current = { kind: null, version: "HTTP/2", pseudo: true, line: i + 1, headers: [] };
          current.bodyStart = current.bodyEnd = -1;
          messages.push(current);
          state = "headers";
        } else {
          if (!stopped) stopped = { line: i + 1, text: line };
          continue;
        }
      }
      if (state === "headers") {
        if (line.trim() === "") {
          state = "body";
          current.bodyStart = i + 1;
          continue;
        }
        if (current.headers.length >= MAX_HEADER_LINES) {
          problems.push(finding("note", "too-many-lines", null, null,
            uiText("js-check-too-many-lines", { max: MAX_HEADER_LINES, line: current.line }, "Only the first " + MAX_HEADER_LINES + " header lines of the message at line " + current.line + " were read."), SPEC.fieldSyntax));
          state = "body";
          current.bodyStart = i;
          continue;
        }
        if (/^[ \t]/.test(line) && current.headers.length) {
          problems.push(finding("error", "obs-fold", current.headers[current.headers.length - 1].name, "MUST NOT",
            uiText("js-check-obs-fold", { line: i + 1 }, "Line " + (i + 1) + " continues the field above on a new line (line folding); senders must not fold field values."), SPEC.obsFold));
          continue;
        }
        var m = HEADER.exec(line);
        if (m && TOKEN.test(m[1].replace(/^:/, ""))) {
          current.headers.push({ name: m[1], lower: m[1].toLowerCase(), value: m[2], line: i + 1 });
        } else {
          problems.push(finding("error", "header-line-invalid", null, null,
            uiText("js-check-not-field-line", { line: i + 1, text: clip(line) }, "Line " + (i + 1) + " is not a field line (name, colon, value): “" + clip(line) + "”."), SPEC.fieldSyntax));
        }
        continue;
      }
      // state === "body": lines until the next message (an HTTP/2 copy's next pseudo-header block).
      if (/^:(status|method)\s*:/i.test(line)) {
        state = "seek";
        i--;
        continue;
      }
      current.bodyEnd = i + 1;
    }
    if (current && state === "headers") close(current, lines.length);
    messages.forEach(function (msg) {
      if (msg.pseudo) fromPseudo(msg, problems);
      msg.body = msg.bodyStart >= 0 && msg.bodyEnd > msg.bodyStart ? bodyOf(lines, msg.bodyStart, msg.bodyEnd) : "";
    });
    return { messages: messages, problems: problems, stopped: stopped };
  }

  function close(msg, end) {
    if (msg.bodyStart < 0) msg.bodyStart = end;
  }

  // The body's lines without the blank lines at its end (a paste's final newline is not content).
  function bodyOf(lines, from, to) {
    while (to > from && lines[to - 1] === "") to--;
    return lines.slice(from, to).join("\n");
  }

  // HTTP/2 and HTTP/3 as developer tools show them: pseudo-header fields (":status: 404", or
  // "status: 404" as some copies write them) instead of a start line.
  function fromPseudo(msg, problems) {
    var rest = [];
    msg.headers.forEach(function (h) {
      var m = /^:?(status|method|path|authority|scheme|protocol)$/.exec(h.lower);
      if (m && (h.name.charAt(0) === ":" || !msg.kind)) {
        if (m[1] === "status") { msg.kind = "response"; msg.status = h.value; }
        else if (m[1] === "method") { msg.kind = msg.kind || "request"; msg.method = h.value; }
        else if (m[1] === "path") msg.target = h.value;
        return;
      }
      rest.push(h);
    });
    msg.headers = rest;
    if (!msg.kind) {
      problems.push(finding("error", "not-http", null, null,
        uiText("js-check-no-pseudo", { line: msg.line }, "The block at line " + msg.line + " has neither a :status nor a :method field."), SPEC.startLine));
    }
  }

  // ---- Findings ---------------------------------------------------------------------------

  function finding(severity, rule, field, level, text, spec) {
    return { severity: severity, rule: rule, field: field, level: level, text: text, spec: spec };
  }

  function clip(text) {
    return text.length > 120 ? text.slice(0, 120) + "…" : text;
  }

  function fieldsOf(msg) {
    var map = {};
    if (!msg) return map;
    msg.headers.forEach(function (h) {
      (map[h.lower] = map[h.lower] || []).push(h.value);
    });
    return map;
  }

  function has(fields, name) {
    return Object.prototype.hasOwnProperty.call(fields, name.toLowerCase());
  }

  function utf8Length(text) {
    return new TextEncoder().encode(text).length;
  }

  var DAY = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
  var MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
  var IMF = new RegExp("^" + DAY + ", (\\d\\d) " + MONTH + " (\\d{4}) (\\d\\d):(\\d\\d):(\\d\\d) GMT$");
  var RFC850 = new RegExp("^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d\\d-" + MONTH + "-\\d\\d \\d\\d:\\d\\d:\\d\\d GMT$");
  var ASCTIME = new RegExp("^" + DAY + " " + MONTH + " [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}$");
  var DATE_FIELDS = ["date", "expires", "last-modified", "if-modified-since", "if-unmodified-since"];

  function imfValid(m) {
    var d = +m[2], y = +m[4], h = +m[5], min = +m[6], s = +m[7];
    var month = MONTH.slice(1, -1).split("|").indexOf(m[3]);
    var real = new Date(Date.UTC(y, month, d, h, min, s));
    return real.getUTCDate() === d && h < 24 && min < 60 && s < 61 &&
      ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][real.getUTCDay()] === m[1];
  }

  // One field value against the HTTP-date formats: null when right, else what is wrong.
  function dateProblem(value) {
    var m = IMF.exec(value);
    if (m) return imfValid(m) ? null : uiText("js-check-date-unreal", {}, "is not a real date and time (or the weekday does not match)");
    if (RFC850.test(value) || ASCTIME.test(value)) return uiText("js-check-date-obsolete", {}, "is in an obsolete date format; senders must use IMF-fixdate (Sun, 06 Nov 1994 08:49:37 GMT)");
    return uiText("js-check-date-invalid", {}, "is not an HTTP-date such as Sun, 06 Nov 1994 08:49:37 GMT");
  }

  function check(text, rules) {
    var parsed = parse(text);
    var messages = parsed.messages;
    var response = null, request = null, responseAt = -1;
    for (var i = messages.length - 1; i >= 0; i--) {
      if (messages[i].kind === "response") { response = messages[i]; responseAt = i; break; }
    }
    for (var j = responseAt - 1; j >= 0; j--) {
      if (messages[j].kind === "request") { request = messages[j]; break; }
    }
    if (!response) {
      var requests = messages.filter(function (msg) { return msg.kind === "request"; });
      if (!requests.length) {
        var first = text.split(/\r\n|\n|\r/, 1)[0] || "";
        return { notHttp: true, stopped: parsed.stopped || { line: 1, text: first } };
      }
      var onlyRequest = finding("error", "no-response", null, null,
        uiText("js-check-no-response", {}, "This is a request without its response: paste the response after it."), SPEC.startLine);
      return { code: null, findings: parsed.problems.concat([onlyRequest]) };
    }
    var findings = parsed.problems.slice();
    var out = { findings: findings, request: request, response: response };
    if (!/^\d{3}$/.test(response.status) || +response.status < 100) {
      findings.push(finding("error", "status-invalid", null, null,
        uiText("js-check-status-not-code", { status: clip(String(response.status)) }, "“" + clip(String(response.status)) + "” is not a status code (three digits, 100 to 599)."), SPEC.statusCode));
      return out;
    }
    var number = +response.status;
    var code = Object.prototype.hasOwnProperty.call(rules.codes, number) ? rules.codes[number] : null;
    out.number = number;
    out.code = code;
    var res = fieldsOf(response);
    var req = request ? fieldsOf(request) : null;
    var link = function (name) { return rules.fields[name.toLowerCase()] || null; };
    function add(severity, rule, field, level, text, spec) {
      var f = finding(severity, rule, field, level, text, spec);
      f.header = field ? link(field) : null;
      f.code = code ? code.url : null;
      findings.push(f);
    }

    statusFindings(number, code, add);
    if (code) ruleFindings(number, code, request, res, req, add);
    extraFindings(number, request, res, req, add);
    framingFindings(number, code, response, request, res, add);
    return out;
  }

  var STATUS_WORDS = {
    deprecated: ["warning", "status-deprecated", uiText("js-check-status-deprecated", {}, "is deprecated: its specification advises against using it.")],
    unused: ["warning", "status-unused", uiText("js-check-status-unused", {}, "is reserved and unused: no specification gives it a meaning.")],
    obsolete: ["warning", "status-obsolete", uiText("js-check-status-obsolete", {}, "is obsolete: its specification has been retired.")],
    unofficial: ["warning", "status-unofficial", uiText("js-check-status-unofficial", {}, "is not a standard status code: a vendor uses it, and clients that do not know it treat it as the class's x00 code.")],
    temporary: ["note", "status-temporary", uiText("js-check-status-temporary", {}, "is registered only temporarily, and may be withdrawn.")],
  };

  function statusFindings(number, code, add) {
    if (number > 599) {
      add("error", "status-invalid", null, null, uiText("js-check-status-range", { code: number }, number + " is outside 100 to 599, the range of status codes."), SPEC.statusCode);
      return;
    }
    if (!code) {
      add("error", "status-unassigned", null, null, uiText("js-check-status-unassigned", { code: number, fallback: Math.floor(number / 100) + "00" }, number + " is not assigned: no specification defines it and no vendor this site knows uses it. Clients treat it as " + Math.floor(number / 100) + "00."), SPEC.statusCode);
      return;
    }
    var words = STATUS_WORDS[code.status];
    if (words) add(words[0], words[1], null, null, number + " " + code.name + " " + words[2], code.spec || SPEC.statusCode);
  }

  // Does a rule's condition hold for this message? true, false, or null when the message cannot say.
  function applies(rule, res, req) {
    var type = (res["content-type"] || [""])[0].toLowerCase();
    var upgrade = ((res.upgrade || []).concat(req && req.upgrade || [])).join(",").toLowerCase();
    switch (rule.applies) {
      case "single-part": return type.indexOf("multipart/byteranges") !== 0;
      case "multipart": return type.indexOf("multipart/byteranges") === 0;
      case "websocket": return upgrade.indexOf("websocket") >= 0;
      case "unseen": return null;
      default: return true;
    }
  }

  // How a level reads inside a sentence ("which a 304 should not carry").
  var LEVEL_WORDS = {
    MUST: uiText("js-check-level-must", {}, "must"),
    "MUST NOT": uiText("js-check-level-must-not", {}, "must not"),
    SHOULD: uiText("js-check-level-should", {}, "should"),
    "SHOULD NOT": uiText("js-check-level-should-not", {}, "should not"),
  };

  var SEVERITY = { MUST: "error", "MUST NOT": "error", SHOULD: "warning", "SHOULD NOT": "warning", defining: "warning" };

  function ruleFindings(number, code, request, res, req, add) {
    var group = [];
    (code.headers || []).forEach(function (rule) {
      var holds = applies(rule, res, req);
      var note = rule.note ? uiText("js-check-space", {}, " ") + rule.note : "";
      if (rule.message === "request") {
        if (!request) return;
        if (rule.applies === "one-of" || rule.level === "defining") {
          group.push(rule);
        } else if (rule.level === "MUST" && holds && !has(req, rule.name)) {
          add("error", "request-field-missing", rule.name, rule.level,
            uiText("js-check-request-field-missing", { field: rule.name, code: number }, "The request has no " + rule.name + ", which a " + number + " answers (the request MUST carry it).") + note, rule.spec);
        }
        return;
      }
      var present = has(res, rule.name);
      var forbids = rule.level === "MUST NOT" || rule.level === "SHOULD NOT";
      var requires = rule.level === "MUST" || rule.level === "SHOULD" || rule.level === "defining";
      if (!(forbids ? present : requires && !present)) return;
      var level = LEVEL_WORDS[rule.level] || rule.level.toLowerCase();
      var what = forbids ? uiText("js-check-has-field", { field: rule.name, code: number, level: level }, "The response has " + rule.name + ", which a " + number + " " + rule.level.toLowerCase() + " carry.")
        : rule.level === "defining"
          ? uiText("js-check-lacks-defining", { field: rule.name, code: number }, "The response has no " + rule.name + ", which defines a " + number + ".")
          : uiText("js-check-lacks-field", { field: rule.name, code: number, level: level }, "The response has no " + rule.name + ", which a " + number + " " + rule.level.toLowerCase() + " carry.");
      if (holds === null) {
        add("note", "rule-unseen", rule.name, rule.level, what + uiText("js-check-space", {}, " ") + uiText("js-check-rule-unseen", {}, "The rule applies only in a case the message cannot show:") + note, rule.spec);
      } else if (holds) {
        add(SEVERITY[rule.level], forbids ? "header-forbidden" : "header-missing", rule.name, rule.level, what + note, rule.spec);
      }
    });
    if (group.length && !group.some(function (rule) { return has(req, rule.name); })) {
      var names = group.map(function (rule) { return rule.name; });
      var defining = group.every(function (rule) { return rule.level === "defining"; });
      add("warning", "request-field-missing", names.join(" / "), defining ? "defining" : null,
        uiText("js-check-request-none-of", { code: number, fields: names.join(" " + uiText("js-check-or", {}, "or") + " ") }, "A " + number + " answers a request carrying " + names.join(" or ") + ", and the request has none.") + (group[0].note ? " " + group[0].note : ""), group[0].spec);
    }
    if (!request && (code.headers || []).some(function (rule) { return rule.message === "request" && (rule.level !== "convention"); })) {
      add("note", "request-not-shown", null, null, uiText("js-check-request-not-shown", { code: number }, "Paste the request before the response to check the request fields a " + number + " depends on."), code.spec);
    }
  }

  var SAFE = ["GET", "HEAD", "OPTIONS", "TRACE"];

  // Status checks that no entry states as a field rule: they relate a field's value to the request.
  function extraFindings(number, request, res, req, add) {
    var method = request && request.method ? request.method.toUpperCase() : null;
    if (number === 405 && method && has(res, "allow")) {
      var allowed = res.allow.join(",").split(",").map(function (m) { return m.trim().toUpperCase(); });
      if (allowed.indexOf(method) >= 0) {
        add("warning", "allow-lists-method", "Allow", null, uiText("js-check-allow-lists-method", { method: method }, "Allow lists " + method + ", the method this 405 refuses: Allow names the methods the resource does support."), SPEC.allow);
      }
    }
    if (number === 201 && method && SAFE.indexOf(method) >= 0) {
      add("warning", "created-safe-method", null, null, uiText("js-check-created-safe", { method: method }, "A 201 says the request created a resource, but " + method + " is a safe method, which creates nothing."), SPEC.safe);
    }
    if (number === 304) {
      ["Content-Type", "Content-Encoding", "Content-Language"].forEach(function (name) {
        if (has(res, name)) {
          add("warning", "not-modified-metadata", name, "SHOULD NOT", uiText("js-check-not-modified-metadata", { field: name }, "A 304 should not carry " + name + ": it describes a representation the 304 does not send, and a cache could apply it to the stored one."), SPEC.notModified);
        }
      });
    }
    if (method === "CONNECT" && number >= 200 && number < 300) {
      ["Content-Length", "Transfer-Encoding"].forEach(function (name) {
        if (has(res, name)) add("error", "connect-framing", name, "MUST NOT", uiText("js-check-connect-framing", { field: name }, "A 2xx to CONNECT turns the connection into a tunnel; it must not carry " + name + "."), SPEC.connect);
      });
    }
  }

  function framingFindings(number, code, response, request, res, add) {
    var content = code ? code.content : (number < 200 || number === 204 || number === 304 ? "never" : "allowed");
    var head = request && request.method && request.method.toUpperCase() === "HEAD";
    var body = response.body;
    if (body && content === "never") {
      add("error", "body-not-allowed", null, "MUST NOT", uiText("js-check-body-not-allowed", { code: number }, "A " + number + " ends after its header section, but text follows it: a client reads that text as the start of the next response."), SPEC.content);
    } else if (body && content === "must-not") {
      add("error", "body-must-not", null, "MUST NOT", uiText("js-check-body-must-not", { code: number }, "A " + number + " must not carry content, but text follows the header section."), code && code.spec || SPEC.content);
    }
    var lengths = res["content-length"] || [];
    var te = res["transfer-encoding"] || [];
    var h1 = /^HTTP\/1/.test(response.version);
    if (te.length && lengths.length && h1) {
      add("error", "te-and-cl", "Content-Length", "MUST NOT", uiText("js-check-te-and-cl", {}, "The response has both Transfer-Encoding and Content-Length; a sender must not send Content-Length with Transfer-Encoding."), SPEC.teAndCl);
    }
    var values = lengths.join(",").split(",").map(function (v) { return v.trim(); });
    if (lengths.length && values.some(function (v) { return !/^\d{1,15}$/.test(v) || v !== values[0]; })) {
      add("error", "content-length-invalid", "Content-Length", null, uiText("js-check-content-length-invalid", { value: clip(lengths.join(", ")) }, "Content-Length “" + clip(lengths.join(", ")) + "” is not one number of bytes."), SPEC.contentLength);
    } else if (lengths.length && body && !te.length && !head && content === "allowed") {
      var declared = +values[0];
      var bytes = utf8Length(body);
      var breaks = body.split("\n").length - 1;
      // A paste loses carriage returns and the final line break; allow for them.
      if (declared < bytes || declared > bytes + breaks + 2) {
        add("warning", "content-length-mismatch", "Content-Length", null, uiText("js-check-content-length-mismatch", { declared: declared, bytes: bytes }, "Content-Length says " + declared + " bytes, but the body shown has " + bytes + " (allowing for line endings lost in copying)."), SPEC.contentLength);
      }
    }
    if (!h1) {
      ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"].forEach(function (name) {
        if (has(res, name)) add("error", "h2-connection-field", fieldName(response, name), "MUST NOT", uiText("js-check-h2-connection-field", { version: response.version, field: name }, "An " + response.version + " response must not carry the connection-specific field " + name + "."), SPEC.h2Fields);
      });
    }
    DATE_FIELDS.forEach(function (name) {
      (res[name] || []).forEach(function (value) {
        var problem = dateProblem(value);
        if (problem) add(name === "expires" ? "warning" : "error", "date-format", fieldName(response, name), "MUST", uiText("js-check-date-format", { field: fieldName(response, name), value: clip(value), problem: problem }, fieldName(response, name) + " “" + clip(value) + "” " + problem + "."), SPEC.date);
      });
    });
    (res["retry-after"] || []).forEach(function (value) {
      if (!/^\d+$/.test(value) && dateProblem(value)) {
        add("error", "retry-after-format", "Retry-After", null, uiText("js-check-retry-after-format", { value: clip(value) }, "Retry-After “" + clip(value) + "” is neither a number of seconds nor an HTTP-date."), SPEC.retryAfter);
      }
    });
  }

  function fieldName(msg, lower) {
    for (var i = 0; i < msg.headers.length; i++) {
      if (msg.headers[i].lower === lower) return msg.headers[i].name;
    }
    return lower;
  }

  // ---- Showing the result -----------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function anchor(href, text) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  var GROUPS = [
    ["error", uiText("js-check-errors", {}, "Errors"), uiText("js-check-errors-hint", {}, "a MUST or MUST NOT is broken")],
    ["warning", uiText("js-check-warnings", {}, "Warnings"), uiText("js-check-warnings-hint", {}, "a SHOULD, or something a client will likely get wrong")],
    ["note", uiText("js-check-notes", {}, "Notes"), uiText("js-check-notes-hint", {}, "worth knowing")],
  ];

  var runs = 0;

  function render(outcome, rules) {
    while (result.firstChild) result.removeChild(result.firstChild);
    result.hidden = false;
    // How many checks this page has shown, so a reader (or a test) can tell a new result.
    result.dataset.runs = String(++runs);
    var heading = el("h2", null, uiText("js-check-result", {}, "Result"));
    heading.id = "check-result-heading";
    heading.tabIndex = -1;
    result.appendChild(heading);
    if (outcome.notHttp && outcome.stopped.text.trim() === "" && outcome.stopped.line === 1) {
      result.appendChild(el("p", "check-not-http", uiText("js-check-nothing-yet", {}, "Nothing to check yet: paste a response into the box.")));
      say(uiText("js-check-nothing", {}, "Nothing to check."));
      return;
    }
    if (outcome.notHttp) {
      var p = el("p", "check-not-http", uiText("js-check-not-http", { line: outcome.stopped.line }, "This is not an HTTP message: no status line such as “HTTP/1.1 404 Not Found” (or “:status: 404”) was found. Parsing stopped at line " + outcome.stopped.line + ":") + " ");
      p.appendChild(el("code", null, clip(outcome.stopped.text)));
      result.appendChild(p);
      say(uiText("js-check-not-http-short", {}, "Not an HTTP message."));
      return;
    }
    if (outcome.code) {
      var card = el("section", "check-code");
      card.setAttribute("aria-label", uiText("js-check-status-code", {}, "The status code"));
      var title = el("h3");
      title.appendChild(anchor(outcome.code.url, outcome.number + " " + outcome.code.name));
      card.appendChild(title);
      card.appendChild(el("p", "summary", outcome.code.summary));
      var steps = outcome.code.first_steps;
      if (steps) {
        var dl = el("dl", "first-steps");
        [[uiText("js-check-first-api", {}, "If you called an API:"), steps.api], [uiText("js-check-first-server", {}, "If you run the server:"), steps.server], [uiText("js-check-first-visitor", {}, "Saw this on a website?"), steps.visitor]].forEach(function (pair) {
          if (!pair[1]) return;
          var row = el("div");
          row.appendChild(el("dt", null, pair[0]));
          row.appendChild(document.createTextNode(uiText("js-check-space", {}, " ")));
          row.appendChild(el("dd", null, pair[1]));
          dl.appendChild(row);
        });
        card.appendChild(dl);
      }
      result.appendChild(card);
    } else if (outcome.number) {
      var unknown = el("p", null, uiText("js-check-no-entry", { code: outcome.number }, "Status " + outcome.number + " has no entry here.") + uiText("js-check-space", {}, " "));
      unknown.appendChild(anchor(rules.codes_url, uiText("js-check-every-code", {}, "Every status code")));
      result.appendChild(unknown);
    }
    var counts = [];
    var seen = {};
    GROUPS.forEach(function (group) {
      var list = outcome.findings.filter(function (f) { return f.severity === group[0]; });
      if (!list.length) return;
      var english = list.length + " " + (list.length === 1 ? group[1].toLowerCase().replace(/s$/, "") : group[1].toLowerCase());
      var n = { count: list.length };
      counts.push(group[0] === "error" ? uiText("js-check-count-error", n, english)
        : group[0] === "warning" ? uiText("js-check-count-warning", n, english)
        : uiText("js-check-count-note", n, english));
      var section = el("section", "check-group check-" + group[0]);
      var h = el("h3", null, uiText("js-check-group-title", { group: group[1], count: list.length }, group[1] + " (" + list.length + ")"));
      h.id = "check-" + group[0] + "s";
      section.setAttribute("aria-labelledby", h.id);
      section.appendChild(h);
      section.appendChild(el("p", "check-group-hint", group[2]));
      var ul = el("ul", "check-findings");
      list.forEach(function (f) {
        seen[f.rule] = (seen[f.rule] || 0) + 1;
        if (seen[f.rule] === MAX_PER_RULE + 1) {
          ul.appendChild(el("li", "check-more", uiText("js-check-more", {}, "More findings of this kind are not shown.")));
        }
        if (seen[f.rule] > MAX_PER_RULE) return;
        ul.appendChild(item(f));
      });
      section.appendChild(ul);
      result.appendChild(section);
    });
    if (!outcome.findings.length) {
      result.appendChild(el("p", "check-clean", (outcome.number ? uiText("js-check-clean", { code: outcome.number }, "No problems found against the rules this site holds for " + outcome.number + ".") : uiText("js-check-clean-any", {}, "No problems found against the rules this site holds for this code."))));
    }
    say(counts.length ? uiText("js-check-checked", { counts: counts.join(uiText("js-check-separator", {}, ", ")) }, "Checked: " + counts.join(", ") + ".") : uiText("js-check-checked-clean", {}, "Checked: no problems found."));
  }

  function item(f) {
    var li = el("li", "check-finding");
    li.dataset.rule = f.rule + (f.field ? ":" + f.field : "");
    var head = el("p", "check-finding-head");
    if (f.field) head.appendChild(el("code", "check-field", f.field));
    if (f.level) head.appendChild(el("span", "check-level", f.level));
    head.appendChild(el("span", "check-rule", f.rule));
    li.appendChild(head);
    li.appendChild(el("p", "check-text", f.text));
    var links = el("p", "check-links");
    var parts = [];
    if (f.code) parts.push(anchor(f.code, uiText("js-check-code-page", {}, "Code page")));
    if (f.header) parts.push(anchor(f.header, uiText("js-check-header-page", { field: f.field }, f.field + " header")));
    if (f.spec) parts.push(anchor(f.spec.url, f.spec.label));
    parts.forEach(function (a, i) {
      if (i) links.appendChild(document.createTextNode(" · "));
      links.appendChild(a);
    });
    if (parts.length) li.appendChild(links);
    return li;
  }

  function say(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  // ---- The address: #m=<base64url of the message>, or ?code=404 from a code page -------------

  function encode(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 8192) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decode(text) {
    try {
      var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return new TextDecoder().decode(bytes);
    } catch (e) {
      return null;
    }
  }

  var share = document.getElementById("check-share");

  function remember(text) {
    var encoded = encode(text);
    if (encoded.length > MAX_SHARE) {
      share.textContent = uiText("js-check-share-too-long", {}, "This message is too long to share in an address.");
      history.replaceState(null, "", location.pathname + location.search);
      return;
    }
    history.replaceState(null, "", "#m=" + encoded);
    share.textContent = "";
    share.appendChild(document.createTextNode(uiText("js-check-share-before", {}, "To share this result, copy the page's address, or") + uiText("js-check-space", {}, " ")));
    share.appendChild(anchor(location.href, uiText("js-check-share-link", {}, "this link")));
    share.appendChild(document.createTextNode(uiText("js-check-share-after", {}, ". The message travels after the #, which browsers do not send to the server.")));
  }

  var rulesPromise = null;
  function loadRules() {
    rulesPromise = rulesPromise || fetch(form.dataset.rules).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
    return rulesPromise;
  }

  function run(text, keep) {
    return loadRules().then(function (rules) {
      var outcome = check(text, rules);
      render(outcome, rules);
      if (keep) remember(text);
    }, function () {
      while (result.firstChild) result.removeChild(result.firstChild);
      result.hidden = false;
      result.appendChild(el("p", "notice", uiText("js-check-rules-failed", {}, "The checker's rules could not be loaded; reload the page to try again.")));
    });
  }

  function fromAddress() {
    var hash = location.hash.slice(1);
    var m = /^m=([A-Za-z0-9_-]*)$/.exec(hash);
    if (m) {
      var text = decode(m[1]);
      if (text !== null) {
        input.value = text;
        run(text, false);
      }
      return;
    }
    var c = /^(\d{3})$/.exec(new URLSearchParams(location.search).get("code") || "");
    if (c && !hash) {
      loadRules().then(function (rules) {
        var code = rules.codes[+c[1]];
        input.value = "HTTP/1.1 " + c[1] + " " + (code ? code.name : "") + "\n";
        run(input.value, false);
      });
    }
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value, true);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run(input.value, true);
    }
  });
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
