#include "FlowDraft.h"

#include "core/flows/FlowService.h"

FlowDraft::FlowDraft(FlowService &service, QString triggerId, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_triggerId(std::move(triggerId))
{
    load();
    m_bindings = m_applied;
}

std::optional<QString> FlowDraft::checkInsert(const Binding &binding) const
{
    return m_service.checkInsert(m_triggerId, m_bindings, binding);
}

Result<void> FlowDraft::insert(int index, const Binding &binding)
{
    if (index < 0 || index > count())
        return Error(Error::Kind::Invalid,
                     tr("Position %1 is outside the flow (0 to %2).").arg(index).arg(count()));
    if (auto refused = checkInsert(binding))
        return Error(Error::Kind::Invalid, *refused);
    m_bindings.insert(index, binding);
    Q_EMIT inserted(index);
    updateDirty();
    return {};
}

Result<void> FlowDraft::move(int from, int to)
{
    const int last = count() - 1;
    if (from < 0 || from > last || to < 0 || to > last)
        return Error(Error::Kind::Invalid,
                     tr("Cannot move from position %1 to %2: the flow has %n action(s).", nullptr, count())
                         .arg(from)
                         .arg(to));
    if (from == to)
        return {};
    m_bindings.move(from, to);
    Q_EMIT moved(from, to);
    updateDirty();
    return {};
}

Result<Binding> FlowDraft::remove(int index)
{
    if (index < 0 || index >= count())
        return Error(
            Error::Kind::Invalid,
            tr("Position %1 is outside the flow, which has %n action(s).", nullptr, count()).arg(index));
    Binding binding = m_bindings.takeAt(index);
    Q_EMIT removed(index);
    updateDirty();
    return binding;
}

Result<void> FlowDraft::apply()
{
    m_applying = true;
    const Result<void> written = m_service.apply(m_triggerId, m_bindings);
    m_applying = false;
    if (!written)
        return written;
    m_applied = m_bindings;
    m_loadError.reset();
    Q_EMIT applied();
    updateDirty();
    return {};
}

void FlowDraft::discard()
{
    load();
    m_bindings = m_applied;
    Q_EMIT reset();
    updateDirty();
}

void FlowDraft::reload()
{
    if (m_applying)
        return;
    discard();
}

void FlowDraft::refreshAction(const QString &actionId)
{
    for (int i = 0; i < count(); ++i) {
        if (m_bindings.at(i).actionId == actionId)
            Q_EMIT updated(i);
    }
}

int FlowDraft::removeAction(const QString &actionId)
{
    int removedCount = 0;
    for (int i = count() - 1; i >= 0; --i) {
        if (m_bindings.at(i).actionId != actionId)
            continue;
        m_bindings.removeAt(i);
        ++removedCount;
        Q_EMIT removed(i);
    }
    if (removedCount > 0)
        updateDirty();
    return removedCount;
}

void FlowDraft::load()
{
    auto stored = m_service.bindings(m_triggerId);
    if (stored) {
        m_applied = stored.takeValue();
        m_loadError.reset();
    } else {
        m_applied.clear();
        m_loadError = stored.error();
    }
}

void FlowDraft::updateDirty()
{
    const bool dirty = m_bindings != m_applied;
    if (dirty == m_dirty)
        return;
    m_dirty = dirty;
    Q_EMIT dirtyChanged(dirty);
}
