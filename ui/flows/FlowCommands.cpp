#include "FlowCommands.h"

#include "core/flows/FlowDraft.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FlowCommands", text);
}

} // namespace

InsertBindingCommand::InsertBindingCommand(FlowDraft &draft, int index, const Binding &binding)
    : m_draft(draft)
    , m_index(index)
    , m_binding(binding)
{
    setText(tr("Add %1").arg(binding.displayName));
}

void InsertBindingCommand::redo()
{
    setObsolete(!m_draft.insert(m_index, m_binding));
}

void InsertBindingCommand::undo()
{
    setObsolete(!m_draft.remove(m_index));
}

MoveBindingCommand::MoveBindingCommand(FlowDraft &draft, int from, int to, const QString &name)
    : m_draft(draft)
    , m_from(from)
    , m_to(to)
{
    setText(tr("Move %1").arg(name));
}

void MoveBindingCommand::redo()
{
    setObsolete(!m_draft.move(m_from, m_to));
}

void MoveBindingCommand::undo()
{
    setObsolete(!m_draft.move(m_to, m_from));
}

RemoveBindingCommand::RemoveBindingCommand(FlowDraft &draft, int index)
    : m_draft(draft)
    , m_index(index)
    , m_binding(draft.bindings().value(index))
{
    setText(tr("Remove %1").arg(m_binding.displayName));
}

void RemoveBindingCommand::redo()
{
    setObsolete(!m_draft.remove(m_index));
}

void RemoveBindingCommand::undo()
{
    setObsolete(!m_draft.insert(m_index, m_binding));
}
