package io.datamapper.web;

import io.datamapper.DataMapperException;
import io.datamapper.detect.Detection;
import io.datamapper.detect.Detector;
import io.datamapper.detect.Note;
import io.datamapper.format.ReadLimits;
import io.datamapper.load.ImportSource;
import io.datamapper.load.Importer;
import io.datamapper.load.Preview;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.mapping.Policies;
import io.datamapper.server.api.ObjectImports;
import io.datamapper.server.jobs.ImportJobs;
import io.datamapper.server.jobs.TaskView;
import io.datamapper.server.limits.ReadConnections;
import io.datamapper.server.security.BrowserPages;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import io.datamapper.storage.ResolvedSources;
import io.datamapper.storage.Sources;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The Import page: a file (or an object URL) in, the detected mapping with its notes and the first
 * rows as they will be stored out; edits re-run the preview; Dry run and Import run the import as a
 * background task (as {@code POST /map-data?async=true} does) whose progress the page streams.
 */
@Controller
@BrowserPages
class ImportPage {
  static final int PREVIEW_ROWS = 10;
  private final Drafts drafts;
  private final ImportJobs jobs;
  private final ObjectImports objects;
  private final DataSource dataSource;
  private final ReadLimits limits;
  private final long maxUpload;

  ImportPage(
      Drafts drafts,
      ImportJobs jobs,
      ObjectImports objects,
      ReadConnections reads,
      Importer importer,
      @Value("${spring.servlet.multipart.max-file-size:1GB}") DataSize maxUpload) {
    this.maxUpload = maxUpload.toBytes();
    this.drafts = drafts;
    this.jobs = jobs;
    this.objects = objects;
    // the preview reads the target table's columns only: a read-only transaction under the
    // statement timeout
    this.dataSource = reads.dataSource();
    this.limits = importer.limits();
  }

  @Requires(Role.READER)
  @GetMapping("/")
  String page(Model model) {
    model.addAttribute("page", "import");
    return "ui/import";
  }

  /** A file or an object URL: detects its mapping and shows the editor. */
  @Requires(Role.READER)
  @PostMapping("/ui/import/detect")
  String detect(
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String url,
      HttpSession session,
      Model model) {
    Source source;
    if (file != null && !file.isEmpty()) {
      Drafts.Draft draft = drafts.save(session, file);
      Detection d = Detector.detect(draft.path());
      source = new Source(draft.id(), null, draft.fileName(), d, List.of());
    } else if (url != null && !url.isBlank()) {
      String u = url.strip();
      source = u.startsWith("b2://") || u.startsWith("s3://") ? remote(u) : fetched(u, session);
    } else {
      throw new DataMapperException(
          "Choose a file, or give an object URL (b2://bucket/key, s3://bucket/key or https://…).");
    }
    editor(
        model,
        session,
        source.draft(),
        source.url(),
        source.label(),
        source.detection().mapping(),
        source.detection().notes(),
        source.extraNotes());
    return "ui/editor :: editor";
  }

  /**
   * The edited mapping's preview; with {@code useYaml} the pasted YAML replaces the mapping and the
   * whole editor.
   */
  @Requires(Role.READER)
  @PostMapping("/ui/import/preview")
  String preview(
      @RequestParam MultiValueMap<String, String> form,
      HttpSession session,
      Model model,
      HttpServletResponse response) {
    String draft = MappingForm.text(form, "draft");
    String url = MappingForm.text(form, "url");
    String label = MappingForm.text(form, "label");
    if ("true".equals(form.getFirst("useYaml"))) {
      String yaml = form.getFirst("yaml");
      if (yaml == null || yaml.isBlank())
        throw new DataMapperException("Paste a mapping (YAML or JSON) first.");
      Mapping pasted = MappingReader.parse(yaml, "the pasted mapping");
      editor(model, session, draft, url, label, pasted, List.of(), List.of());
      response.setHeader("HX-Retarget", "#mapping");
      response.setHeader("HX-Reswap", "innerHTML");
      return "ui/editor :: editor";
    }
    Mapping edited = MappingForm.apply(MappingForm.base(form.getFirst("mapping")), form);
    model.addAttribute("preview", preview(session, draft, url, edited));
    model.addAttribute("yaml", MappingWriter.toYaml(edited));
    model.addAttribute("yamlOob", true);
    return "ui/editor :: preview";
  }

  /** Dry run or Import: a background task, answered with its live card. */
  @Requires(Role.IMPORTER)
  @PostMapping("/ui/import/run")
  String run(@RequestParam MultiValueMap<String, String> form, HttpSession session, Model model) {
    boolean dryRun = !"import".equals(form.getFirst("action"));
    boolean force = "on".equals(form.getFirst("force"));
    Mapping edited = MappingForm.apply(MappingForm.base(form.getFirst("mapping")), form);
    String draftId = MappingForm.text(form, "draft");
    String url = MappingForm.text(form, "url");
    TaskView task;
    if (draftId != null) {
      Drafts.Draft draft = drafts.find(session, draftId).orElseThrow(Drafts::gone);
      task = jobs.submit(draft.asUpload(), draft.fileName(), edited, force, dryRun);
    } else if (url != null) {
      long size;
      try (ResolvedSources resolved = objects.resolve(url)) {
        size = resolved.sources().stream().mapToLong(s -> Math.max(0, s.size())).sum();
      }
      task =
          jobs.submitObject(
              new ObjectImports.Request(
                  url, MappingWriter.toJson(edited), null, null, dryRun, force),
              size);
    } else {
      throw new DataMapperException("Choose a file first.");
    }
    model.addAttribute("taskId", task.id());
    model.addAttribute("table", edited.target().qualifiedName());
    model.addAttribute("dryRun", dryRun);
    return "ui/task :: live";
  }

  private record Source(
      String draft, String url, String label, Detection detection, List<String> extraNotes) {}

  private Source remote(String url) {
    if (!Sources.isRemote(url)) {
      throw new DataMapperException(
          "'" + url + "' is not an object URL: use b2://bucket/key, s3://bucket/key or https://….");
    }
    try (ResolvedSources resolved = objects.resolve(url)) {
      ImportSource first = resolved.sources().getFirst();
      Detection d = Sources.detect(first, null);
      List<String> extra = new ArrayList<>();
      if (resolved.prefix()) {
        extra.add(
            resolved.sources().size()
                + " objects under this prefix; the mapping was detected from the first, "
                + first.uri()
                + ", and each object is imported with it as its own import.");
      }
      return new Source(null, url, url, d, extra);
    }
  }

  /**
   * An https:// (or a trusted http://) file: fetched into a draft, through the same host rules as
   * every fetch, and imported as an upload. A task may only name b2:// or s3:// objects, which any
   * node can read again; a URL's file is kept, as an upload is, for the node that runs it.
   */
  private Source fetched(String url, HttpSession session) {
    if (!Sources.isRemote(url)) {
      throw new DataMapperException(
          "'" + url + "' is not an object URL: use b2://bucket/key, s3://bucket/key or https://….");
    }
    try (ResolvedSources resolved = objects.resolve(url)) {
      ImportSource first = resolved.sources().getFirst();
      Drafts.Draft draft =
          drafts.save(session, first.name(), first.size(), first.opener(), maxUpload);
      Detection d = Detector.detect(draft.path());
      return new Source(
          draft.id(),
          null,
          url,
          d,
          List.of(
              "Fetched " + url + " (" + Sizes.bytes(draft.size()) + "); this copy is imported."));
    }
  }

  /** The first rows of the draft (or the first object under the URL) through {@code mapping}. */
  private Preview preview(HttpSession session, String draftId, String url, Mapping mapping) {
    if (draftId != null) {
      return Preview.of(
          drafts.find(session, draftId).orElseThrow(Drafts::gone).source(),
          mapping,
          PREVIEW_ROWS,
          dataSource,
          limits);
    }
    if (url != null) {
      // the store's client lives as long as the listing: preview inside it
      try (ResolvedSources resolved = objects.resolve(url)) {
        return Preview.of(resolved.sources().getFirst(), mapping, PREVIEW_ROWS, dataSource, limits);
      }
    }
    throw new DataMapperException("Choose a file first.");
  }

  private void editor(
      Model model,
      HttpSession session,
      String draft,
      String url,
      String label,
      Mapping mapping,
      List<Note> notes,
      List<String> extra) {
    model.addAttribute("draft", draft);
    model.addAttribute("url", url);
    model.addAttribute("label", label);
    model.addAttribute("mapping", mapping);
    model.addAttribute("mappingJson", MappingForm.json(mapping));
    model.addAttribute("rows", MappingForm.rows(mapping, notes));
    model.addAttribute("fileNotes", notes.stream().filter(n -> n.column() == null).toList());
    model.addAttribute("extraNotes", extra);
    model.addAttribute("yaml", MappingWriter.toYaml(mapping));
    model.addAttribute("modes", MappingForm.MODES);
    model.addAttribute("duplicateFiles", MappingForm.DUPLICATE_FILE);
    model.addAttribute("duplicateRows", MappingForm.DUPLICATE_ROW);
    model.addAttribute("badRowModes", MappingForm.BAD_ROWS);
    model.addAttribute("types", MappingForm.TYPES);
    model.addAttribute("duplicateFile", Policies.spell(mapping.policies().duplicateFile()));
    model.addAttribute("duplicateRow", Policies.spell(mapping.policies().duplicateRow()));
    model.addAttribute("badRows", Policies.spell(mapping.policies().badRows()));
    try {
      model.addAttribute("preview", preview(session, draft, url, mapping));
    } catch (DataMapperException e) {
      model.addAttribute("previewError", e);
    }
  }
}
