#include "particle_data.h"

#include <algorithm>

#include "air/json_text.h"

namespace air::data {

namespace {

using llvm::json::Array;
using llvm::json::Object;

constexpr const char *kFormat = "aquac-data/1";

const char *kindName(State::Kind k) {
  switch (k) {
  case State::Kind::Sent: return "sent";
  case State::Kind::Executed: return "ok";
  case State::Kind::Failed: return "failed";
  case State::Kind::Canon: return "canon";
  }
  return "?";
}


bool tetrapletFrom(const llvm::json::Value *v, Tetraplet &t) {
  const Array *a = v ? v->getAsArray() : nullptr;
  if (!a || a->size() != 4) return false;
  std::string *fields[] = {&t.peerPk, &t.serviceId, &t.functionName, &t.lens};
  for (size_t i = 0; i < 4; ++i) {
    auto s = (*a)[i].getAsString();
    if (!s) return false;
    *fields[i] = s->str();
  }
  return true;
}

// Executed/Failed beat Sent; Canon beats Sent; otherwise the first (prev) wins.
bool better(const State &candidate, const State &existing) {
  return existing.kind == State::Kind::Sent && candidate.kind != State::Kind::Sent;
}

} // namespace

void ParticleData::appendToStream(const std::string &stream, const std::string &valueKey) {
  if (streamMembers[stream].insert(valueKey).second) streams[stream].push_back(valueKey);
}

// Written directly as text (no intermediate JSON objects): encoding runs on every invocation.
std::string encode(const ParticleData &data) {
  // Keys are ours (ASCII); texts that came from outside (peer ids, service names, messages) may
  // not be UTF-8: bad bytes become U+FFFD (llvm::json::Value would assert on them).
  auto str = [](std::string &out, const std::string &v) { appendJsonString(out, v); };
  auto text = [](std::string &out, const std::string &v) {
    if (llvm::json::isUTF8(v)) appendJsonString(out, v);
    else appendJsonString(out, llvm::json::fixUTF8(v));
  };
  auto sortedKeys = [](const auto &map) {
    std::vector<const std::string *> keys;
    keys.reserve(map.size());
    for (const auto &entry : map) keys.push_back(&entry.first);
    std::sort(keys.begin(), keys.end(), [](const std::string *a, const std::string *b) { return *a < *b; });
    return keys;
  };
  std::string out = "{\"format\":\"";
  out += kFormat;
  out += "\",\"lcid\":" + std::to_string(data.lastCallId) + ",\"states\":{";
  bool first = true;
  for (const auto &[key, s] : data.states) {
    if (!first) out += ',';
    first = false;
    str(out, key);
    out += ":{\"k\":\"";
    out += kindName(s.kind);
    out += '"';
    switch (s.kind) {
    case State::Kind::Sent:
      out += ",\"by\":";
      text(out, s.sentBy);
      if (s.callId) out += ",\"id\":" + std::to_string(s.callId);
      break;
    case State::Kind::Executed:
      if (!s.valueKey.empty()) out += ",\"v\":", str(out, s.valueKey);
      break;
    case State::Kind::Failed:
      out += ",\"msg\":";
      text(out, s.message);
      out += ",\"rc\":" + std::to_string(s.retCode);
      break;
    case State::Kind::Canon:
      out += ",\"el\":[";
      for (size_t i = 0; i < s.elements.size(); ++i) {
        if (i) out += ',';
        str(out, s.elements[i]);
      }
      out += ']';
      break;
    }
    out += '}';
  }
  out += "},\"streams\":{";
  first = true;
  for (const std::string *name : sortedKeys(data.streams)) {
    if (!first) out += ',';
    first = false;
    str(out, *name);
    out += ":[";
    const auto &keys = data.streams.at(*name);
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i) out += ',';
      str(out, keys[i]);
    }
    out += ']';
  }
  out += "},\"values\":{";
  first = true;
  for (const auto &[key, stored] : data.values) {
    if (!first) out += ',';
    first = false;
    auto [cached, fresh] = data.encodedValues.try_emplace(key);
    std::string &entry = cached->second;
    if (fresh) {
      str(entry, key);
      entry += ":{\"t\":[";
      const Tetraplet &t = stored.provenance();
      text(entry, t.peerPk);
      entry += ',';
      text(entry, t.serviceId);
      entry += ',';
      text(entry, t.functionName);
      entry += ',';
      text(entry, t.lens);
      entry += "],\"v\":";
      entry += toJsonText(*stored.value);
      entry += '}';
    }
    out += entry;
  }
  out += "}}";
  return out;
}

bool decode(std::string_view bytes, ParticleData &out, std::string &error) {
  out = ParticleData{};
  if (bytes.empty()) return true;
  llvm::json::Value root(nullptr);
  if (!parseJson(bytes, root, error)) {
    error = "data is not valid: " + error;
    return false;
  }
  const Object *o = root.getAsObject();
  if (!o || o->getString("format") != llvm::StringRef(kFormat)) {
    error = "data is not in the aquac-data/1 format";
    return false;
  }
  auto lcid = o->getInteger("lcid");
  if (!lcid || *lcid < 0 || *lcid > UINT32_MAX) {
    error = "data has no valid \"lcid\"";
    return false;
  }
  out.lastCallId = static_cast<uint32_t>(*lcid);
  const Object *states = o->getObject("states");
  const Object *values = o->getObject("values");
  const Object *streams = o->getObject("streams");
  if (!states || !values || !streams) {
    error = "data lacks \"states\", \"values\" or \"streams\"";
    return false;
  }
  for (const auto &[key, v] : *values) {
    const Object *entry = v.getAsObject();
    Stored stored;
    Tetraplet tetraplet;
    if (!entry || !entry->get("v") || !tetrapletFrom(entry->get("t"), tetraplet)) {
      error = "malformed value \"" + key.str() + "\"";
      return false;
    }
    stored.tetraplet = makeTetraplet(std::move(tetraplet));
    stored.value = std::make_shared<const llvm::json::Value>(*entry->get("v"));
    out.values.emplace(key.str(), std::move(stored));
  }
  for (const auto &[key, v] : *states) {
    const Object *s = v.getAsObject();
    auto kind = s ? s->getString("k") : llvm::None;
    State state;
    bool ok = kind.hasValue();
    if (ok && *kind == "sent") {
      state.kind = State::Kind::Sent;
      auto by = s->getString("by");
      ok = by.hasValue();
      if (ok) state.sentBy = by->str();
      state.callId = static_cast<uint32_t>(s->getInteger("id").getValueOr(0));
    } else if (ok && *kind == "ok") {
      state.kind = State::Kind::Executed;
      state.valueKey = s->getString("v").getValueOr("").str();
      ok = state.valueKey.empty() || out.values.count(state.valueKey);
    } else if (ok && *kind == "failed") {
      state.kind = State::Kind::Failed;
      state.retCode = static_cast<int32_t>(s->getInteger("rc").getValueOr(1));
      state.message = s->getString("msg").getValueOr("").str();
    } else if (ok && *kind == "canon") {
      state.kind = State::Kind::Canon;
      const Array *el = s->getArray("el");
      ok = el != nullptr;
      for (size_t i = 0; ok && i < el->size(); ++i) {
        auto e = (*el)[i].getAsString();
        ok = e && out.values.count(e->str());
        if (ok) state.elements.push_back(e->str());
      }
    } else {
      ok = false;
    }
    if (!ok) {
      error = "malformed state \"" + key.str() + "\"";
      return false;
    }
    out.states.emplace(key.str(), std::move(state));
  }
  for (const auto &[name, v] : *streams) {
    const Array *keys = v.getAsArray();
    if (!keys) {
      error = "malformed stream \"" + name.str() + "\"";
      return false;
    }
    for (const llvm::json::Value &k : *keys) {
      auto key = k.getAsString();
      if (!key || !out.values.count(key->str())) {
        error = "stream \"" + name.str() + "\" refers to an unknown value";
        return false;
      }
      out.appendToStream(name.str(), key->str());
    }
  }
  return true;
}

void merge(ParticleData &prev, ParticleData &&current) {
  for (auto &[key, stored] : current.values) prev.values.emplace(key, std::move(stored));
  for (auto &[key, state] : current.states) {
    auto it = prev.states.find(key);
    if (it == prev.states.end()) prev.states.emplace(key, std::move(state));
    else if (better(state, it->second)) it->second = std::move(state);
  }
  for (auto &[name, keys] : current.streams)
    for (const std::string &k : keys) prev.appendToStream(name, k);
}

} // namespace air::data
