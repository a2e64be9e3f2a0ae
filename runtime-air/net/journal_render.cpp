// The particle's journey as text, JSON or a Mermaid sequence diagram (`aquac run --trace`).
#include "air/json_text.h"
#include "air/network.h"

#include <set>

namespace air::net {

namespace {

std::string shortJson(const llvm::json::Value &v, size_t limit = 80) {
  std::string text = toJsonText(v);
  if (text.size() > limit) text = text.substr(0, limit - 3) + "...";
  return text;
}

} // namespace

std::string renderJournalText(const RunReport &report) {
  std::string out;
  for (const JournalEntry &e : report.journal) {
    switch (e.kind) {
    case JournalEntry::Kind::Invoke:
      out += "#" + std::to_string(e.invocation) + " " + e.peer + ": interpreter ran";
      if (e.retCode != 0) out += ", error " + std::to_string(e.retCode) + ": " + e.message;
      out += " (data " + std::to_string(e.dataSize) + " bytes)\n";
      break;
    case JournalEntry::Kind::Send: out += "   " + e.peer + " -> " + e.target + ": particle sent\n"; break;
    case JournalEntry::Kind::Drop: out += "   " + e.peer + " -> " + e.target + ": unknown peer, dropped\n"; break;
    case JournalEntry::Kind::Call:
      out += "   " + e.peer + ": call " + e.service + "." + e.function + " " + shortJson(e.payload) + "\n";
      break;
    case JournalEntry::Kind::Reply:
      out += "   " + e.peer + ": " + (e.retCode == 0 ? "result " : "error (" + std::to_string(e.retCode) + ") ") +
             shortJson(e.payload) + "\n";
      break;
    }
  }
  return out;
}

std::string renderJournalJson(const RunReport &report) {
  llvm::json::Array steps;
  for (const JournalEntry &e : report.journal) {
    llvm::json::Object step{{"invocation", static_cast<int64_t>(e.invocation)}, {"peer", e.peer}};
    switch (e.kind) {
    case JournalEntry::Kind::Invoke:
      step["event"] = "invoke";
      step["ret_code"] = e.retCode;
      if (!e.message.empty()) step["error_message"] = e.message;
      step["data_size"] = static_cast<int64_t>(e.dataSize);
      break;
    case JournalEntry::Kind::Send: step["event"] = "send"; step["to"] = e.target; break;
    case JournalEntry::Kind::Drop: step["event"] = "drop"; step["to"] = e.target; break;
    case JournalEntry::Kind::Call:
      step["event"] = "call";
      step["service"] = e.service;
      step["function"] = e.function;
      step["args"] = e.payload;
      break;
    case JournalEntry::Kind::Reply:
      step["event"] = "reply";
      step["service"] = e.service;
      step["function"] = e.function;
      step["ret_code"] = e.retCode;
      step["result"] = e.payload;
      break;
    }
    steps.push_back(std::move(step));
  }
  return toJsonText(llvm::json::Value(std::move(steps)), 2) + "\n";
}

std::string renderJournalMermaid(const RunReport &report) {
  std::string out = "sequenceDiagram\n";
  std::set<std::string> declared;
  for (const JournalEntry &e : report.journal)
    if (declared.insert(e.peer).second) out += "  participant " + e.peer + "\n";
  for (const JournalEntry &e : report.journal) {
    auto label = [](std::string s) {
      for (char &c : s)
        if (c == ';' || c == '#' || c == '\n') c = ' ';
      return s;
    };
    switch (e.kind) {
    case JournalEntry::Kind::Invoke:
      if (e.retCode != 0) out += "  Note over " + e.peer + ": error " + std::to_string(e.retCode) + "\n";
      break;
    case JournalEntry::Kind::Send: out += "  " + e.peer + "->>" + e.target + ": particle\n"; break;
    case JournalEntry::Kind::Drop: out += "  Note over " + e.peer + ": dropped (unknown peer)\n"; break;
    case JournalEntry::Kind::Call:
      out += "  " + e.peer + "->>" + e.peer + ": " + label(e.service + "." + e.function + " " + shortJson(e.payload, 40)) + "\n";
      break;
    case JournalEntry::Kind::Reply:
      out += "  " + e.peer + "-->>" + e.peer + ": " +
             label((e.retCode == 0 ? std::string() : "error ") + shortJson(e.payload, 40)) + "\n";
      break;
    }
  }
  return out;
}

} // namespace air::net
