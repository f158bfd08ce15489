/* Mangfold worksheets: the printable tables become forms; answers stay on this device.
 *
 * Loaded only on pages with a worksheet or calculator (the component adds the
 * tag). Reads each sheet's definition from its <script type="application/json">
 * and the reader's strings from #mf-ws-strings; never writes file content or
 * typed text as HTML (textContent and value only).
 *
 * - Storage: localStorage, one key per sheet ("mangfold:ws:<tool>"), written
 *   only once the reader types. Nothing is sent anywhere.
 * - Files: the filled-in .docx (WordprocessingML in a zip of stored entries
 *   written here: see docs/worksheets.md for why no library), a .csv in the
 *   Nordic Excel conventions, and a versioned JSON file to carry the answers
 *   to another device ("save to file" / "open from file", validated whole
 *   before anything changes).
 * - Calculators: the KRUT activity plan and the effect calculator.
 */
(function () {
  "use strict";
  if (window.mangfoldWorksheets) return; /* the tag may be on a page twice */

  var FORMAT = "mangfold-worksheets";
  var VERSION = 1;
  var PREFIX = "mangfold:ws:";
  var CALC = "mangfold:calc:";
  var settings = JSON.parse(document.getElementById("mf-ws-strings").textContent);
  var LANG = settings.lang;
  var LIMITS = settings.limits;
  var counter = 0;

  function t(key, values) {
    var text = Object.prototype.hasOwnProperty.call(settings.t, key) ? settings.t[key] : key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function uid(prefix) { counter += 1; return "mf-" + prefix + "-" + counter; }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] === true) node.setAttribute(name, "");
      else if (attrs[name] !== false && attrs[name] != null) node.setAttribute(name, attrs[name]);
    });
    if (text != null) node.textContent = text;
    return node;
  }

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function isPlain(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  /* ------------------------------------------------------------ numbers and dates */

  var numberParts = new Intl.NumberFormat(LANG).formatToParts(12345.6);
  var GROUP = (numberParts.find(function (p) { return p.type === "group"; }) || {}).value || "";

  var formats = {};
  /* Intl formatters are costly to make: one per kind, kept. */
  function formatter(key, options) {
    if (!formats[key]) formats[key] = new Intl.NumberFormat(LANG, options);
    return formats[key];
  }

  function formatNumber(value, digits) {
    var d = digits == null ? 2 : digits;
    return formatter("d" + d, {maximumFractionDigits: d}).format(value);
  }

  /* "1.500" (da), "1 500", "1500,5", "1500.5": what readers type; null for empty, NaN for not a number. */
  function parseNumber(text) {
    var s = String(text == null ? "" : text).replace(/[\s\u00a0\u202f]/g, "");
    if (s === "") return null;
    if (GROUP === "." && /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, "");
    s = s.replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(s)) return NaN;
    return parseFloat(s);
  }

  function today() {
    var d = new Date();
    return {
      iso: d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"),
      text: new Intl.DateTimeFormat(LANG, {day: "numeric", month: "long", year: "numeric"}).format(d),
    };
  }

  /* ------------------------------------------------------------ storage */

  var storage = (function () {
    try {
      var probe = "mangfold:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null; /* private mode or storage switched off: the page says so */
    }
  })();

  function readStored(key) {
    if (!storage) return null;
    try {
      var raw = storage.getItem(key);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null;
    }
  }

  function writeStored(key, value) {
    if (!storage) return false;
    try {
      storage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  function removeStored(key) { if (storage) storage.removeItem(key); }

  /* ------------------------------------------------------------ a sheet's answers */

  function emptyAnswers(sheet) {
    var answers = {fields: {}, tables: {}, questions: {}};
    sheet.tables.forEach(function (table) {
      var rows = [];
      var n = table.fixed.length + table.rows;
      for (var i = 0; i < n; i += 1) rows.push({});
      answers.tables[table.id] = rows;
    });
    return answers;
  }

  function isFilled(answers) {
    if (!answers) return false;
    var any = function (o) { return Object.keys(o || {}).some(function (k) { return String(o[k]).trim() !== ""; }); };
    return any(answers.fields) || any(answers.questions) ||
      Object.keys(answers.tables || {}).some(function (k) { return answers.tables[k].some(any); });
  }

  /* Rows of another sheet that feed this table: those with `where` filled in, by priority. */
  function linkedRows(table, sources) {
    var link = table.from;
    var source = link && sources[link.worksheet];
    if (!source || !source.tables || !Array.isArray(source.tables[link.table])) return [];
    var rows = source.tables[link.table].filter(function (row) { return row && String(row[link.where] || "").trim() !== ""; });
    var byPriority = rows.every(function (row) { return /^[1-3]$/.test(String(row[link.where])); });
    if (byPriority) rows = rows.slice().sort(function (a, b) { return Number(a[link.where]) - Number(b[link.where]); });
    return rows.map(function (row) {
      var made = {};
      Object.keys(link.copy || {}).forEach(function (mine) {
        var value = String(row[link.copy[mine]] || "");
        if (value) made[mine] = value;
      });
      return made;
    });
  }

  /* The answers to show when nothing is stored: empty, or starting from a linked sheet. */
  function startingAnswers(sheet) {
    var answers = emptyAnswers(sheet);
    sheet.tables.forEach(function (table) {
      if (!table.from) return;
      var sources = {};
      sources[table.from.worksheet] = readStored(PREFIX + table.from.worksheet);
      var rows = linkedRows(table, sources);
      if (!rows.length) return;
      while (rows.length < table.rows) rows.push({});
      answers.tables[table.id] = rows;
    });
    return answers;
  }

  /* ------------------------------------------------------------ validating a sheet's answers (stored or from a file) */

  function Invalid(message) { this.message = message; }

  function checkText(value, where) {
    if (typeof value !== "string") throw new Invalid(t("file_not_text", {where: where}));
    if (value.length > LIMITS.chars) throw new Invalid(t("file_too_long", {where: where, n: LIMITS.chars}));
    return value;
  }

  function checkKeys(object, allowed, where) {
    if (!isPlain(object)) throw new Invalid(t("file_not_block", {where: where}));
    Object.keys(object).forEach(function (key) {
      if (allowed.indexOf(key) < 0) throw new Invalid(t("file_unknown", {where: where, name: key}));
    });
  }

  function checkCell(column, value, where) {
    var text = checkText(value, where);
    if (text === "") return text;
    if (column.kind === "priority" && !/^[1-3]$/.test(text)) throw new Invalid(t("file_bad_choice", {where: where, value: text}));
    if (column.kind === "choice" && !column.choices.some(function (c) { return c[0] === text; })) {
      throw new Invalid(t("file_bad_choice", {where: where, value: text}));
    }
    if (column.kind === "number" && isNaN(parseNumber(text))) throw new Invalid(t("file_bad_number", {where: where, value: text}));
    return text;
  }

  /* A clean copy of `answers` for `sheet`, or an Invalid naming the first problem. */
  function validAnswers(sheet, answers) {
    var name = sheet.title;
    checkKeys(answers, ["fields", "tables", "questions", "updated"], name);
    var clean = emptyAnswers(sheet);
    [["fields", sheet.fields], ["questions", sheet.questions]].forEach(function (pair) {
      var given = answers[pair[0]] || {};
      checkKeys(given, pair[1].map(function (f) { return f.id; }), name);
      pair[1].forEach(function (f) {
        if (own(given, f.id)) clean[pair[0]][f.id] = checkText(given[f.id], name + " › " + f.label);
      });
    });
    var tables = answers.tables || {};
    checkKeys(tables, sheet.tables.map(function (tb) { return tb.id; }), name);
    sheet.tables.forEach(function (table) {
      if (!own(tables, table.id)) return;
      var rows = tables[table.id];
      var where = name + (table.title ? " › " + table.title : "");
      if (!Array.isArray(rows)) throw new Invalid(t("file_not_rows", {where: where}));
      var least = table.fixed.length;
      var most = table.rows ? LIMITS.rows : table.fixed.length;
      if (rows.length < least || rows.length > most) throw new Invalid(t("file_row_count", {where: where, n: rows.length}));
      var typed = table.columns.filter(function (c) { return c.kind !== "fixed"; });
      clean.tables[table.id] = rows.map(function (row, i) {
        var at = where + ", " + t("row", {n: i + 1});
        checkKeys(row, typed.map(function (c) { return c.id; }), at);
        var made = {};
        typed.forEach(function (c) {
          if (own(row, c.id)) made[c.id] = checkCell(c, row[c.id], at + " › " + c.label);
        });
        return made;
      });
    });
    if (answers.updated != null) clean.updated = checkText(answers.updated, name);
    return clean;
  }

  /* A whole saved file: {format, version, saved, worksheets: {id: answers}}, checked against the sheets known here. */
  function readFile(text, sheets) {
    var document;
    try {
      document = JSON.parse(text);
    } catch (e) {
      throw new Invalid(t("file_not_json"));
    }
    if (!isPlain(document) || document.format !== FORMAT) throw new Invalid(t("file_not_ours"));
    if (typeof document.version !== "number" || document.version < 1 || Math.floor(document.version) !== document.version) {
      throw new Invalid(t("file_not_ours"));
    }
    if (document.version > VERSION) throw new Invalid(t("file_newer", {version: document.version}));
    checkKeys(document, ["format", "version", "saved", "worksheets"], t("file"));
    checkKeys(document.worksheets, Object.keys(document.worksheets || {}), t("file"));
    var found = {};
    Object.keys(document.worksheets).forEach(function (id) {
      if (own(sheets, id)) found[id] = validAnswers(sheets[id], document.worksheets[id]);
    });
    return found;
  }

  function fileText(answersById) {
    return JSON.stringify({format: FORMAT, version: VERSION, saved: new Date().toISOString(), worksheets: answersById}, null, 2);
  }

  /* ------------------------------------------------------------ downloads (made here, uploaded nowhere) */

  function offer(name, type, parts) {
    var blob = new Blob(parts, {type: type});
    var url = URL.createObjectURL(blob);
    var link = el("a", {href: url, download: name});
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 1000);
  }

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n += 1) {
      var c = n;
      for (var k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i += 1) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  /* A zip of stored (uncompressed) entries, as APPNOTE 6.3 section 4.3 lays them out. */
  function zip(files) {
    var encoder = new TextEncoder();
    var now = new Date();
    var time = (now.getHours() << 11) | (now.getMinutes() << 5) | Math.floor(now.getSeconds() / 2);
    var date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
    var locals = [];
    var central = [];
    var offset = 0;
    files.forEach(function (file) {
      var name = encoder.encode(file.name);
      var data = encoder.encode(file.text);
      var crc = crc32(data);
      var head = new DataView(new ArrayBuffer(30));
      head.setUint32(0, 0x04034b50, true);
      head.setUint16(4, 20, true);
      head.setUint16(6, 0x0800, true); /* names are UTF-8 */
      head.setUint16(8, 0, true); /* stored */
      head.setUint16(10, time, true);
      head.setUint16(12, date, true);
      head.setUint32(14, crc, true);
      head.setUint32(18, data.length, true);
      head.setUint32(22, data.length, true);
      head.setUint16(26, name.length, true);
      head.setUint16(28, 0, true);
      locals.push(new Uint8Array(head.buffer), name, data);
      var entry = new DataView(new ArrayBuffer(46));
      entry.setUint32(0, 0x02014b50, true);
      entry.setUint16(4, 20, true);
      entry.setUint16(6, 20, true);
      entry.setUint16(8, 0x0800, true);
      entry.setUint16(10, 0, true);
      entry.setUint16(12, time, true);
      entry.setUint16(14, date, true);
      entry.setUint32(16, crc, true);
      entry.setUint32(20, data.length, true);
      entry.setUint32(24, data.length, true);
      entry.setUint16(28, name.length, true);
      entry.setUint32(42, offset, true);
      central.push(new Uint8Array(entry.buffer), name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (sum, part) { return sum + part.length; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, files.length, true);
    end.setUint16(10, files.length, true);
    end.setUint32(12, size, true);
    end.setUint32(16, offset, true);
    return locals.concat(central, [new Uint8Array(end.buffer)]);
  }

  /* ---- WordprocessingML */

  function xml(text) {
    /* Characters XML 1.0 cannot hold are dropped; the five specials escaped. */
    return String(text).replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\ud800-\udbff\udc00-\udfff]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function runs(text, bold) {
    var props = bold ? "<w:rPr><w:b/></w:rPr>" : "";
    return String(text).split(/\r?\n/).map(function (line, i) {
      return "<w:r>" + props + (i ? "<w:br/>" : "") + '<w:t xml:space="preserve">' + xml(line) + "</w:t></w:r>";
    }).join("");
  }

  function para(text, style, bold) {
    return "<w:p>" + (style ? '<w:pPr><w:pStyle w:val="' + style + '"/></w:pPr>' : "") + runs(text, bold) + "</w:p>";
  }

  function labelled(label, value) {
    return "<w:p>" + runs(label + ": ", true) + runs(value || "") + "</w:p>";
  }

  var PAGE_WIDTH = 16838; /* A4 landscape, in twentieths of a point */
  var MARGIN = 850;

  function wordTable(header, rows) {
    var width = Math.floor((PAGE_WIDTH - 2 * MARGIN) / header.length);
    var cell = function (text, head) {
      return '<w:tc><w:tcPr><w:tcW w:w="' + width + '" w:type="dxa"/>' + (head ? '<w:shd w:val="clear" w:color="auto" w:fill="E4EEF0"/>' : "") +
        "</w:tcPr>" + para(text, null, head) + "</w:tc>";
    };
    return '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>' +
      header.map(function () { return '<w:gridCol w:w="' + width + '"/>'; }).join("") + "</w:tblGrid>" +
      '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + header.map(function (h) { return cell(h, true); }).join("") + "</w:tr>" +
      rows.map(function (row) { return "<w:tr>" + row.map(function (v) { return cell(v, false); }).join("") + "</w:tr>"; }).join("") +
      "</w:tbl>" + para("");
  }

  var STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="20"/><w:lang w:val="LANG"/></w:rPr></w:rPrDefault>' +
    '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/><w:color w:val="00545C"/></w:rPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="200"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/></w:rPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Small"><w:name w:val="Small"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="16"/><w:color w:val="4A575A"/></w:rPr></w:style>' +
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>' +
    ["top", "left", "bottom", "right", "insideH", "insideV"].map(function (side) { return "<w:" + side + ' w:val="single" w:sz="4" w:space="0" w:color="6B7A7E"/>'; }).join("") +
    '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>';

  function docx(title, body) {
    var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    var document = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="' + W + '"><w:body>' + body +
      '<w:sectPr><w:pgSz w:w="' + PAGE_WIDTH + '" w:h="11906" w:orient="landscape"/><w:pgMar w:top="' + MARGIN + '" w:right="' + MARGIN +
      '" w:bottom="' + MARGIN + '" w:left="' + MARGIN + '" w:header="425" w:footer="425" w:gutter="0"/></w:sectPr></w:body></w:document>';
    var stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    return zip([
      {name: "[Content_Types].xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'},
      {name: "_rels/.rels", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'},
      {name: "docProps/core.xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        "<dc:title>" + xml(title) + "</dc:title><dc:language>" + xml(LANG) + '</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">' + stamp + "</dcterms:created></cp:coreProperties>"},
      {name: "word/_rels/document.xml.rels", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'},
      {name: "word/styles.xml", text: STYLES.replace("LANG", xml(LANG))},
      {name: "word/document.xml", text: document},
    ]);
  }

  /* ---- what a sheet's answers read as, in words (for the files and "our plan") */

  function shownValue(column, value) {
    if (!value) return "";
    if (column.kind === "choice") {
      var found = column.choices.find(function (c) { return c[0] === value; });
      return found ? found[1] : value;
    }
    if (column.kind === "number") {
      var n = parseNumber(value);
      return n === null || isNaN(n) ? value : formatter("plain", {useGrouping: false, maximumFractionDigits: 10}).format(n);
    }
    return value;
  }

  function tableRows(table, rows) {
    return rows.map(function (row, i) {
      return table.columns.map(function (c) {
        return c.kind === "fixed" ? (table.fixed[i] || {})[c.id] || "" : shownValue(c, row[c.id]);
      });
    });
  }

  /* A sheet as Word body XML; `level` is the heading level of its title. */
  /* A sheet as Word body XML. Alone (level 0) it is the whole worksheet, empty rows
   * to write in included; in "our plan" (level 2) only what was filled in. */
  function sheetXml(sheet, answers, level) {
    var alone = level === 0;
    var body = para(sheet.title, alone ? "Title" : "Heading" + level);
    if (alone) body += para(sheet.heading, "Heading1") + labelled(t("date"), today().text);
    sheet.fields.forEach(function (f) {
      if (alone || answers.fields[f.id]) body += labelled(f.label, answers.fields[f.id]);
    });
    sheet.tables.forEach(function (table) {
      var rows = answers.tables[table.id] || [];
      var kept = alone ? rows : rows.filter(function (row) { return Object.keys(row).length; });
      if (!kept.length) return;
      if (table.title) body += para(table.title, "Heading" + Math.min(level + 1, 3));
      var indexes = kept.map(function (row) { return rows.indexOf(row); });
      body += wordTable(table.columns.map(function (c) { return c.label; }),
        tableRows(table, rows).filter(function (row, i) { return indexes.indexOf(i) >= 0; }));
    });
    sheet.questions.forEach(function (q) {
      if (alone || answers.questions[q.id]) body += para(q.label, null, true) + para(answers.questions[q.id] || "");
    });
    return body + para(sheet.basis, "Small");
  }

  function csvCell(value, isText) {
    var s = String(value == null ? "" : value);
    /* A cell Excel would run as a formula is written as text (OWASP's CSV injection advice). */
    if (isText && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[";\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /* The Nordic Excel conventions: ';' between cells, decimal comma, UTF-8 with a byte-order mark, CRLF. */
  function sheetCsv(sheet, answers) {
    var lines = [];
    var line = function (cells, texts) { lines.push(cells.map(function (c, i) { return csvCell(c, texts ? texts[i] : true); }).join(";")); };
    line([sheet.title, sheet.heading]);
    line([t("date"), today().text]);
    sheet.fields.forEach(function (f) { line([f.label, answers.fields[f.id] || ""]); });
    sheet.tables.forEach(function (table) {
      lines.push("");
      if (table.title) line([table.title]);
      line(table.columns.map(function (c) { return c.label; }));
      var texts = table.columns.map(function (c) { return c.kind !== "number"; });
      tableRows(table, answers.tables[table.id] || []).forEach(function (row) { line(row, texts); });
    });
    if (sheet.questions.length) lines.push("");
    sheet.questions.forEach(function (q) { line([q.label, answers.questions[q.id] || ""]); });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function fileName(id, ext) { return id + "-" + today().iso + "." + ext; }

  /* ------------------------------------------------------------ shared bits of the page */

  function statusLine() {
    return el("p", {"class": "mf-ws__status", role: "status", "aria-live": "polite"});
  }

  function say(status, text) {
    /* Emptied first, so the same message twice is read out twice. */
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function privacyNote() {
    var note = el("p", {"class": "mf-ws__privacy"});
    note.appendChild(el("strong", null, t("privacy_title") + " "));
    note.appendChild(document.createTextNode(storage ? t("privacy") : t("no_storage")));
    return note;
  }

  function button(text, attrs) {
    return el("button", Object.assign({type: "button", "class": "md-button"}, attrs || {}), text);
  }

  /* "Delete my answers", asked twice in the page: no dialog to lose. */
  function deleteControl(onDelete, status) {
    var wrap = el("span", {"class": "mf-ws__delete"});
    var ask = button(t("delete"), {"data-action": "delete"});
    var confirm = el("span", {"class": "mf-ws__confirm", role: "group", "aria-label": t("delete_confirm")});
    confirm.hidden = true;
    confirm.appendChild(el("span", null, t("delete_confirm") + " "));
    var yes = button(t("delete_yes"), {"data-action": "delete-yes"});
    var no = button(t("delete_no"), {"data-action": "delete-no"});
    confirm.append(yes, no);
    ask.addEventListener("click", function () { ask.hidden = true; confirm.hidden = false; yes.focus(); });
    no.addEventListener("click", function () { confirm.hidden = true; ask.hidden = false; ask.focus(); });
    yes.addEventListener("click", function () {
      onDelete();
      confirm.hidden = true;
      ask.hidden = false;
      ask.focus();
      say(status, t("deleted"));
    });
    wrap.append(ask, confirm);
    return wrap;
  }

  function openControl(onText, status, alert) {
    var wrap = el("span", {"class": "mf-ws__open"});
    var input = el("input", {type: "file", accept: ".json,application/json", "aria-label": t("open_file"), "data-action": "open-file"});
    input.hidden = true;
    var trigger = button(t("open_file"), {"data-action": "open"});
    trigger.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      alert.textContent = "";
      if (file.size > LIMITS.file_bytes) { alert.textContent = t("file_too_big"); return; }
      file.text().then(function (text) {
        try {
          say(status, onText(text));
        } catch (e) {
          if (!(e instanceof Invalid)) throw e;
          alert.textContent = e.message + " " + t("nothing_changed");
        }
      });
    });
    wrap.append(trigger, input);
    return wrap;
  }

  /* ------------------------------------------------------------ a worksheet on its tool page */

  /* A textarea as tall as what is written in it, so nothing typed is hidden. */
  function grow(area) {
    if (!area.isConnected) return;
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  function growAll(root) { root.querySelectorAll("textarea").forEach(grow); }

  function control(column, id, value, describedBy) {
    var input;
    if (column.kind === "priority" || column.kind === "choice") {
      input = el("select", {id: id, "aria-describedby": describedBy});
      input.appendChild(el("option", {value: ""}, t("choose")));
      var options = column.kind === "priority" ? [["1", "1"], ["2", "2"], ["3", "3"]] : column.choices;
      options.forEach(function (o) { input.appendChild(el("option", {value: o[0]}, o[1])); });
    } else if (column.kind === "number") {
      input = el("input", {id: id, type: "text", inputmode: "decimal", autocomplete: "off", "aria-describedby": describedBy});
    } else {
      input = el("textarea", {id: id, rows: "2", maxlength: String(LIMITS.chars), "aria-describedby": describedBy});
      input.addEventListener("input", function () { grow(input); });
    }
    input.value = value || "";
    return input;
  }

  function mirror(input, column) {
    /* What prints in place of the control (a textarea prints cut off). */
    var shown = el("span", {"class": "mf-ws__print", "aria-hidden": "true"});
    var update = function () { shown.textContent = column ? shownValue(column, input.value) : input.value; };
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    input.addEventListener("mf:set", update);
    update();
    return shown;
  }

  function Sheet(root) {
    this.root = root;
    this.def = JSON.parse(root.querySelector("[data-worksheet-config]").textContent);
    this.key = PREFIX + this.def.id;
    var stored = readStored(this.key);
    try {
      this.answers = stored ? validAnswers(this.def, stored) : startingAnswers(this.def);
    } catch (e) {
      this.answers = startingAnswers(this.def); /* stored by an older sheet: start afresh, keep nothing broken */
    }
    this.stored = Boolean(stored);
    this.build();
  }

  Sheet.prototype.save = function () {
    this.answers.updated = new Date().toISOString();
    var ok = writeStored(this.key, this.answers);
    this.stored = ok;
    this.root.classList.toggle("mf-ws--stored", ok);
  };

  Sheet.prototype.build = function () {
    var self = this;
    var def = this.def;
    this.root.classList.add("mf-ws--form");
    var how = this.root.querySelector(".mf-ws__how");
    how.textContent = t("how_form");
    how.after(privacyNote());

    this.root.querySelectorAll("[data-field]").forEach(function (box) {
      var field = def.fields.find(function (f) { return f.id === box.getAttribute("data-field"); });
      var id = uid("f");
      var dt = box.querySelector("dt");
      var label = el("label", {"for": id}, dt.textContent);
      dt.textContent = "";
      dt.appendChild(label);
      var input = el("input", {id: id, type: "text", maxlength: String(LIMITS.chars), autocomplete: "off"});
      input.value = self.answers.fields[field.id] || "";
      input.addEventListener("input", function () { self.answers.fields[field.id] = input.value; self.save(); });
      var dd = box.querySelector("dd");
      dd.append(input, mirror(input));
    });

    this.root.querySelectorAll("[data-question]").forEach(function (box) {
      var q = def.questions.find(function (x) { return x.id === box.getAttribute("data-question"); });
      var id = uid("q");
      var old = box.querySelector(".mf-ws__qlabel");
      var label = el("label", {"for": id, "class": "mf-ws__qlabel"}, old.textContent);
      old.replaceWith(label);
      var input = el("textarea", {id: id, rows: String(q.lines + 1), maxlength: String(LIMITS.chars)});
      input.value = self.answers.questions[q.id] || "";
      input.addEventListener("input", function () { self.answers.questions[q.id] = input.value; self.save(); grow(input); });
      var answer = box.querySelector(".mf-ws__answer");
      answer.textContent = "";
      answer.append(input, mirror(input));
    });

    this.tables = {};
    def.tables.forEach(function (table) {
      var node = self.root.querySelector('table[data-table="' + table.id + '"]');
      self.tables[table.id] = node;
      var head = node.tHead.rows[0];
      if (table.rows) head.appendChild(el("th", {scope: "col", "class": "mf-ws__tools"})).appendChild(el("span", {"class": "mf-sr-only"}, t("row_tools")));
      self.drawRows(table);
      if (table.rows) {
        var add = button(t("add_row"), {"class": "md-button mf-ws__add", "data-action": "add-row"});
        add.addEventListener("click", function () {
          self.answers.tables[table.id].push({});
          self.save();
          self.drawRows(table);
          var rows = node.tBodies[0].rows;
          rows[rows.length - 1].querySelector("textarea, input, select").focus();
          say(self.status, t("row_added"));
        });
        node.closest(".mf-ws__wrap").after(add);
      }
      if (table.from) self.linkButton(table);
    });

    var bar = el("div", {"class": "mf-ws__bar"});
    this.status = statusLine();
    this.alert = el("p", {"class": "mf-ws__alert", role: "alert"});
    var word = button(t("download_docx"), {"data-action": "docx"});
    word.addEventListener("click", function () {
      offer(fileName(def.id, "docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx(def.title + ": " + def.heading, sheetXml(def, self.answers, 0)));
      say(self.status, t("made_here"));
    });
    var csv = button(t("download_csv"), {"data-action": "csv"});
    csv.addEventListener("click", function () {
      offer(fileName(def.id, "csv"), "text/csv;charset=utf-8", [sheetCsv(def, self.answers)]);
      say(self.status, t("made_here"));
    });
    var saveFile = button(t("save_file"), {"data-action": "save"});
    saveFile.addEventListener("click", function () {
      var all = {};
      all[def.id] = self.answers;
      offer(fileName("mangfold-" + def.id, "json"), "application/json", [fileText(all)]);
      say(self.status, t("saved_file"));
    });
    var sheets = {};
    sheets[def.id] = def;
    var open = openControl(function (text) {
      var found = readFile(text, sheets);
      if (!own(found, def.id)) throw new Invalid(t("file_missing", {title: def.title}));
      self.answers = found[def.id];
      self.save();
      self.refresh();
      return t("opened", {title: def.title});
    }, this.status, this.alert);
    var remove = deleteControl(function () {
      removeStored(self.key);
      self.stored = false;
      self.root.classList.remove("mf-ws--stored");
      self.answers = startingAnswers(def);
      self.refresh();
    }, this.status);
    var group = el("div", {"class": "mf-ws__buttons", role: "group", "aria-label": t("your_answers")});
    group.append(word, csv, saveFile, open, remove);
    bar.append(el("p", {"class": "mf-ws__made"}, t("files_note")), group, this.alert, this.status);
    this.root.querySelector(".mf-ws__downloads").before(bar);
    this.root.classList.toggle("mf-ws--stored", this.stored);
  };

  Sheet.prototype.linkButton = function (table) {
    var self = this;
    var source = this.def.sources[table.from.worksheet];
    var note = this.root.querySelector('[data-from="' + table.from.worksheet + '"]');
    var take = button(t("import_from", {source: source}), {"data-action": "import"});
    take.addEventListener("click", function () {
      var sources = {};
      sources[table.from.worksheet] = readStored(PREFIX + table.from.worksheet);
      var incoming = linkedRows(table, sources);
      var rows = self.answers.tables[table.id];
      var seen = rows.map(function (r) { return JSON.stringify(pick(r, Object.keys(table.from.copy))); });
      var added = incoming.filter(function (r) { return seen.indexOf(JSON.stringify(pick(r, Object.keys(table.from.copy)))) < 0; });
      if (!added.length) { say(self.status, t("import_none", {source: source})); return; }
      var kept = rows.filter(function (r) { return Object.keys(r).some(function (k) { return String(r[k]).trim(); }); });
      rows = kept.concat(added);
      while (rows.length < table.rows) rows.push({});
      self.answers.tables[table.id] = rows;
      self.save();
      self.drawRows(table);
      say(self.status, t("imported", {n: added.length, source: source}));
    });
    note.after(take);
  };

  function pick(row, keys) {
    var out = {};
    keys.forEach(function (k) { out[k] = row[k] || ""; });
    return out;
  }

  Sheet.prototype.drawRows = function (table) {
    var self = this;
    var body = this.tables[table.id].tBodies[0];
    var rows = this.answers.tables[table.id];
    body.textContent = "";
    rows.forEach(function (row, i) {
      var tr = el("tr", {"class": "mf-ws__row"});
      var fixed = table.fixed[i];
      var rowName = fixed ? Object.keys(fixed).map(function (k) { return fixed[k]; }).join(" ") : t("row", {n: i + 1});
      table.columns.forEach(function (column) {
        if (column.kind === "fixed") {
          tr.appendChild(el("th", {scope: "row", "data-col": column.id}, fixed ? fixed[column.id] || "" : ""));
          return;
        }
        var td = el("td", {"data-col": column.id});
        var id = uid("c");
        var label = el("label", {"for": id, "class": "mf-ws__cell-label"});
        label.appendChild(el("span", {"class": "mf-ws__cell-col"}, column.label));
        label.appendChild(el("span", {"class": "mf-sr-only"}, " (" + rowName + ")"));
        var help = self.root.querySelector("#ws-" + self.def.id + "-" + table.id + "-" + column.id + "-help");
        var input = control(column, id, row[column.id], help ? help.id : null);
        var store = function () {
          if (input.value) row[column.id] = input.value;
          else delete row[column.id];
          self.save();
        };
        input.addEventListener("input", store);
        input.addEventListener("change", store);
        td.append(label, input, mirror(input, column));
        tr.appendChild(td);
      });
      if (table.rows) {
        var tools = el("td", {"class": "mf-ws__tools"});
        if (i >= table.fixed.length) {
          var remove = button("×", {"class": "mf-ws__remove", "aria-label": t("remove_row", {n: i + 1}), "data-action": "remove-row"});
          remove.addEventListener("click", function () {
            rows.splice(i, 1);
            self.save();
            self.drawRows(table);
            var next = body.rows[Math.min(i, body.rows.length - 1)];
            var focus = next && next.querySelector("textarea, input, select");
            if (focus) focus.focus();
            say(self.status, t("row_removed", {n: i + 1}));
          });
          tools.appendChild(remove);
        }
        tr.appendChild(tools);
      }
      body.appendChild(tr);
    });
    growAll(body);
  };

  Sheet.prototype.refresh = function () {
    var self = this;
    this.root.querySelectorAll("[data-field]").forEach(function (box) {
      var input = box.querySelector("input");
      input.value = self.answers.fields[box.getAttribute("data-field")] || "";
      input.dispatchEvent(new Event("mf:set"));
    });
    this.root.querySelectorAll("[data-question]").forEach(function (box) {
      var input = box.querySelector("textarea");
      input.value = self.answers.questions[box.getAttribute("data-question")] || "";
      input.dispatchEvent(new Event("mf:set"));
    });
    this.def.tables.forEach(function (table) { self.drawRows(table); });
    growAll(this.root);
  };

  /* ------------------------------------------------------------ calculators */

  function calcInput(cell, name, values, onChange, label) {
    var id = uid("n");
    var input = el("input", {id: id, type: "text", inputmode: "decimal", autocomplete: "off", "data-name": name});
    var error = el("span", {"class": "mf-ws__error", id: id + "-error"});
    error.hidden = true;
    input.value = values[name] || "";
    var lab = el("label", {"for": id, "class": "mf-ws__cell-label"});
    lab.appendChild(el("span", {"class": "mf-ws__cell-col"}, label));
    input.addEventListener("input", function () {
      var n = parseNumber(input.value);
      var bad = typeof n === "number" && isNaN(n);
      input.setAttribute("aria-invalid", bad ? "true" : "false");
      if (bad) {
        error.textContent = t("number_invalid", {label: label});
        error.hidden = false;
        input.setAttribute("aria-describedby", error.id);
      } else {
        error.hidden = true;
        input.removeAttribute("aria-describedby");
      }
      if (input.value) values[name] = input.value; else delete values[name];
      onChange();
    });
    cell.textContent = "";
    cell.append(lab, input, error, mirror(input));
    return input;
  }

  function num(value) {
    var n = parseNumber(value);
    return n === null || isNaN(n) ? 0 : n;
  }

  function money(n) { return t("kr", {amount: formatNumber(n, 0)}); }

  function calcBar(root, key, state, reset) {
    var status = statusLine();
    var bar = el("div", {"class": "mf-ws__bar"});
    var group = el("div", {"class": "mf-ws__buttons", role: "group", "aria-label": t("your_answers")});
    group.appendChild(deleteControl(function () { removeStored(key); reset(); }, status));
    bar.append(group, status);
    return {bar: bar, status: status, save: function () { writeStored(key, state); }};
  }

  function EffectCalculator(root) {
    var key = CALC + "effect";
    var stored = readStored(key);
    var state = isPlain(stored) && isPlain(stored.inputs) && Array.isArray(stored.effects) ? stored : {inputs: {}, effects: [{}, {}, {}]};
    state.effects = state.effects.slice(0, LIMITS.rows).map(function (e) { return isPlain(e) ? e : {}; });
    var liveStatus = root.querySelector("[data-calc-status]");
    var timer;
    root.classList.add("mf-calc--form");
    root.querySelector(".mf-calc__formula").after(privacyNote());
    var controls = calcBar(root, key, state, function () {
      state.inputs = {};
      state.effects = [{}, {}, {}];
      draw();
    });
    root.appendChild(controls.bar);
    var costTable = root.querySelector('[data-calc="cost"]');
    var effectsTable = root.querySelector('[data-calc="effects"]');
    effectsTable.tHead.rows[0].appendChild(el("th", {scope: "col", "class": "mf-ws__tools"})).appendChild(el("span", {"class": "mf-sr-only"}, t("row_tools")));
    var add = button(t("add_row"), {"class": "md-button mf-ws__add", "data-action": "add-effect"});
    effectsTable.closest(".mf-ws__wrap").after(add);
    add.addEventListener("click", function () {
      state.effects.push({});
      changed();
      draw();
      var rows = effectsTable.tBodies[0].rows;
      rows[rows.length - 1].querySelector("input").focus();
    });

    function compute(announce) {
      var cost = num(state.inputs.hours) * num(state.inputs.rate) + num(state.inputs.expenses);
      var gain = 0;
      effectsTable.tBodies[0].querySelectorAll("tr").forEach(function (tr, i) {
        var e = state.effects[i] || {};
        var g = num(e.change) * num(e.value);
        gain += g;
        tr.querySelector('[data-col="gain"]').textContent = money(g);
      });
      var out = {cost: money(cost), gain: money(gain), net: money(gain - cost),
        ratio: cost > 0 ? t("per_krone", {amount: formatNumber(gain / cost, 2)}) : t("no_cost_yet")};
      root.querySelectorAll("[data-output]").forEach(function (node) { node.textContent = out[node.getAttribute("data-output")]; });
      if (announce) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          liveStatus.textContent = t("effect_status", {gain: out.gain, cost: out.cost, net: out.net});
        }, 600);
      }
    }

    function changed() { controls.save(); compute(true); }

    function draw() {
      ["hours", "rate", "expenses"].forEach(function (name) {
        var cell = costTable.querySelector('[data-input="' + name + '"]');
        calcInput(cell, name, state.inputs, changed, cell.parentNode.querySelector("th").textContent);
      });
      var body = effectsTable.tBodies[0];
      body.textContent = "";
      var labels = {};
      effectsTable.tHead.querySelectorAll("th[data-col]").forEach(function (th) { labels[th.getAttribute("data-col")] = th.textContent; });
      state.effects.forEach(function (effect, i) {
        var tr = el("tr", {"class": "mf-ws__row"});
        ["effect", "change", "unit", "value", "gain"].forEach(function (col) {
          var td = el("td", {"data-col": col, "class": col === "effect" || col === "unit" ? null : "mf-num",
            "data-label": col === "gain" ? labels.gain + ": " : null});
          tr.appendChild(td);
          if (col === "gain") return;
          var label = labels[col] + " (" + t("row", {n: i + 1}) + ")";
          if (col === "change" || col === "value") {
            calcInput(td, col, effect, changed, label);
          } else {
            var id = uid("e");
            var lab = el("label", {"for": id, "class": "mf-ws__cell-label"});
            lab.appendChild(el("span", {"class": "mf-ws__cell-col"}, labels[col]));
            lab.appendChild(el("span", {"class": "mf-sr-only"}, " (" + t("row", {n: i + 1}) + ")"));
            var input = el("input", {id: id, type: "text", maxlength: "200", "data-name": col, autocomplete: "off"});
            input.value = effect[col] || "";
            input.addEventListener("input", function () {
              if (input.value) effect[col] = input.value; else delete effect[col];
              changed();
            });
            td.append(lab, input, mirror(input));
          }
        });
        var tools = el("td", {"class": "mf-ws__tools"});
        var remove = button("×", {"class": "mf-ws__remove", "aria-label": t("remove_row", {n: i + 1}), "data-action": "remove-effect"});
        remove.addEventListener("click", function () {
          state.effects.splice(i, 1);
          changed();
          draw();
          add.focus();
        });
        tools.appendChild(remove);
        tr.appendChild(tools);
        body.appendChild(tr);
      });
      compute(false);
    }
    draw();
  }

  function KrutCalculator(root) {
    var key = CALC + "krut-" + root.getAttribute("data-plan");
    var stored = readStored(key);
    var state = isPlain(stored) ? stored : {};
    var box = root.querySelector("[data-krut-inputs]");
    var results = root.querySelector("[data-krut-results]");
    var liveStatus = root.querySelector("[data-calc-status]");
    var timer;
    box.hidden = false;
    results.hidden = false;
    box.querySelector("[data-privacy]").replaceWith(privacyNote());
    var controls = calcBar(root, key, state, function () {
      Object.keys(state).forEach(function (k) { delete state[k]; });
      draw();
    });
    box.appendChild(controls.bar);

    var plan = document.querySelector('table[data-plan="' + root.getAttribute("data-plan") + '"]');
    var activities = Array.prototype.map.call(plan.querySelectorAll("tr[data-activity]"), function (tr) {
      return {
        phase: tr.closest("tbody").getAttribute("data-plan-phase"),
        hours: tr.hasAttribute("data-hours") ? Number(tr.getAttribute("data-hours")) : 0,
        uncertain: tr.hasAttribute("data-uncertain"),
        per: tr.getAttribute("data-per"),
        perHours: Number(tr.getAttribute("data-per-hours") || 0),
      };
    });

    function compute(announce) {
      var rate = num(state.rate);
      var phases = {};
      var total = {fixed: 0, uncertain: 0, people: 0};
      activities.forEach(function (a) {
        var p = phases[a.phase] = phases[a.phase] || {fixed: 0, uncertain: 0, people: 0};
        var bucket = a.uncertain ? "uncertain" : "fixed";
        p[bucket] += a.hours;
        total[bucket] += a.hours;
        if (a.per) {
          var people = a.perHours * num(state[a.per]);
          p.people += people;
          total.people += people;
        }
      });
      var fill = function (phase, sums) {
        var without = sums.fixed + sums.people;
        var withB6 = without + sums.uncertain;
        var values = {
          fixed: formatNumber(sums.fixed, 1), people: formatNumber(sums.people, 1),
          without: formatNumber(without, 1), "with": formatNumber(withB6, 1),
          "cost-without": rate ? money(without * rate) : "–", "cost-with": rate ? money(withB6 * rate) : "–",
        };
        Object.keys(values).forEach(function (name) {
          var cell = results.querySelector('tr[data-result="' + name + '"] td[data-phase="' + phase + '"]');
          if (cell) cell.textContent = values[name];
        });
        return {without: without, withB6: withB6};
      };
      Object.keys(phases).forEach(function (id) { fill(id, phases[id]); });
      var sums = fill("total", total);
      if (announce) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          liveStatus.textContent = t("krut_status", {without: formatNumber(sums.without, 1), with: formatNumber(sums.withB6, 1)}) +
            (rate ? " " + t("krut_status_cost", {without: money(sums.without * rate), with: money(sums.withB6 * rate)}) : "");
        }, 600);
      }
    }

    function draw() {
      box.querySelectorAll("[data-krut-input]").forEach(function (cell) {
        var name = cell.getAttribute("data-krut-input");
        calcInput(cell, name, state, function () { controls.save(); compute(true); }, cell.getAttribute("data-label"));
      });
      compute(false);
    }
    draw();
  }

  /* ------------------------------------------------------------ "our plan": every sheet filled in here */

  function OurPlan(root) {
    var defs = {};
    root.querySelectorAll("[data-worksheet-config]").forEach(function (node) {
      var def = JSON.parse(node.textContent);
      defs[def.id] = def;
    });
    var status = statusLine();
    var alert = el("p", {"class": "mf-ws__alert", role: "alert"});
    root.querySelector("[data-privacy]").replaceWith(privacyNote());

    function answersOf(id) {
      var stored = readStored(PREFIX + id);
      if (!stored) return null;
      try { return validAnswers(defs[id], stored); } catch (e) { return null; }
    }

    function draw() {
      var any = false;
      root.querySelectorAll("[data-plan-sheet]").forEach(function (box) {
        var id = box.getAttribute("data-plan-sheet");
        var def = defs[id];
        var answers = answersOf(id);
        var out = box.querySelector("[data-plan-answers]");
        out.textContent = "";
        box.classList.toggle("mf-plan-sheet--empty", !isFilled(answers));
        if (!isFilled(answers)) {
          out.appendChild(el("p", {"class": "mf-plan-sheet__none"}, t("plan_not_started")));
          return;
        }
        any = true;
        def.fields.forEach(function (f) {
          if (answers.fields[f.id]) {
            var p = el("p");
            p.append(el("strong", null, f.label + ": "), document.createTextNode(answers.fields[f.id]));
            out.appendChild(p);
          }
        });
        def.tables.forEach(function (table) {
          var rows = (answers.tables[table.id] || []).map(function (row, i) { return {row: row, i: i}; })
            .filter(function (x) { return Object.keys(x.row).length; });
          if (!rows.length) return;
          var wrap = el("div", {"class": "mf-ws__wrap"});
          var tb = el("table", {"class": "mf-ws__table mf-ws__table--read"});
          /* Named for screen readers; on screen the sheet's heading above already says it. */
          tb.appendChild(el("caption", {"class": table.title ? null : "mf-sr-only"}, table.title || def.title));
          var head = tb.createTHead().insertRow();
          table.columns.forEach(function (c) { head.appendChild(el("th", {scope: "col"}, c.label)); });
          var body = tb.createTBody();
          rows.forEach(function (x) {
            var tr = body.insertRow();
            tableRows(table, [x.row]).forEach(function (cells) {
              cells.forEach(function (text, ci) {
                var c = table.columns[ci];
                var cell = c.kind === "fixed" ? el("th", {scope: "row"}, (table.fixed[x.i] || {})[c.id] || "") : el("td", null, text);
                cell.setAttribute("data-label", c.label);
                tr.appendChild(cell);
              });
            });
          });
          wrap.appendChild(tb);
          out.appendChild(wrap);
        });
        def.questions.forEach(function (q) {
          if (answers.questions[q.id]) {
            out.appendChild(el("p", {"class": "mf-plan-sheet__q"}, q.label));
            out.appendChild(el("p", {"class": "mf-plan-sheet__a"}, answers.questions[q.id]));
          }
        });
      });
      root.classList.toggle("mf-plan--empty", !any);
      fitRegions();
      return any;
    }

    var word = button(t("plan_docx"), {"data-action": "plan-docx"});
    word.addEventListener("click", function () {
      var body = para(root.getAttribute("data-plan-title"), "Title") + para(root.getAttribute("data-plan-process"), null, true) +
        labelled(t("date"), today().text);
      root.querySelectorAll("[data-plan-phase]").forEach(function (phase) {
        var sheets = Array.prototype.filter.call(phase.querySelectorAll("[data-plan-sheet]"), function (box) {
          return isFilled(answersOf(box.getAttribute("data-plan-sheet")));
        });
        if (!sheets.length) return;
        body += para(phase.getAttribute("data-plan-phase"), "Heading1");
        sheets.forEach(function (box) {
          var id = box.getAttribute("data-plan-sheet");
          body += sheetXml(defs[id], answersOf(id), 2);
        });
      });
      offer(fileName(root.getAttribute("data-plan-file"), "docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx(root.getAttribute("data-plan-title"), body));
      say(status, t("made_here"));
    });
    var print = button(t("plan_print"), {"data-action": "print"});
    print.addEventListener("click", function () { window.print(); });
    var saveFile = button(t("save_all"), {"data-action": "save"});
    saveFile.addEventListener("click", function () {
      var all = {};
      Object.keys(defs).forEach(function (id) { var a = answersOf(id); if (isFilled(a)) all[id] = a; });
      offer(fileName(root.getAttribute("data-plan-file"), "json"), "application/json", [fileText(all)]);
      say(status, t("saved_file"));
    });
    var open = openControl(function (text) {
      var found = readFile(text, defs);
      var names = Object.keys(found);
      if (!names.length) throw new Invalid(t("file_empty"));
      names.forEach(function (id) { writeStored(PREFIX + id, found[id]); });
      draw();
      return t("opened", {title: names.map(function (id) { return defs[id].title; }).join(", ")});
    }, status, alert);
    var remove = deleteControl(function () {
      Object.keys(defs).forEach(function (id) { removeStored(PREFIX + id); });
      draw();
    }, status);
    var group = el("div", {"class": "mf-ws__buttons", role: "group", "aria-label": t("your_answers")});
    group.append(word, print, saveFile, open, remove);
    root.querySelector("[data-plan-bar]").append(el("p", {"class": "mf-ws__made"}, t("files_note")), group, alert, status);
    draw();
    window.addEventListener("storage", draw); /* another tab filled something in */
  }

  /* A table box that scrolls sideways is a named region the keyboard can scroll
   * (WCAG 2.1.1); one that fits (a form's cards on a phone) is not a stop. */
  function fitRegions() {
    document.querySelectorAll(".mf-ws__wrap").forEach(function (wrap) {
      var name = wrap.getAttribute("aria-label") || wrap.getAttribute("data-region-label") ||
        ((wrap.querySelector("caption") || {}).textContent || "").trim();
      wrap.setAttribute("data-region-label", name);
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name);
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  /* ------------------------------------------------------------ start */

  function init() {
    window.mangfoldWorksheets = {parseNumber: parseNumber, readFile: readFile};
    /* One task per form, so the page stays responsive while they are made. */
    var jobs = [];
    var add = function (selector, Make) {
      document.querySelectorAll(selector).forEach(function (root) { jobs.push(function () { new Make(root); }); });
    };
    add(".mf-ws[data-worksheet]", Sheet);
    add("[data-effect-calculator]", EffectCalculator);
    add("[data-krut-calculator]", KrutCalculator);
    add("[data-our-plan]", OurPlan);
    jobs.push(function () {
      fitRegions();
      growAll(document);
      document.documentElement.setAttribute("data-worksheets-ready", "");
    });
    (function next() {
      var job = jobs.shift();
      if (!job) return;
      job();
      window.setTimeout(next, 0);
    })();
    var resizing;
    window.addEventListener("resize", function () {
      window.clearTimeout(resizing);
      resizing = window.setTimeout(function () { fitRegions(); growAll(document); }, 200);
    });
  }

  window.mangfoldWorksheets = true;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
