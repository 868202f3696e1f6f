#include "FlowCommands.h"

#include "core/flows/FlowDraft.h"

#include <QCoreApplication>
#include <QUndoStack>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FlowCommands", text);
}

} // namespace

FlowCommand::FlowCommand(FlowDraft &draft, QUndoStack &stack)
    : m_draft(draft)
    , m_stack(stack)
{ }

FlowCommand::~FlowCommand()
{
    // The stack deletes a step that became obsolete as soon as it has taken it out. After a refused
    // redo its index stays where it was, and QUndoStack announces nothing: say here what can be undone
    // and redone now, for the Undo and Redo buttons and the Edit menu. (After a refused undo the index
    // is still past the step taken out; the stack announces the new state itself right after.)
    if (!isObsolete() || m_stack.index() > m_stack.count())
        return;
    Q_EMIT m_stack.canUndoChanged(m_stack.canUndo());
    Q_EMIT m_stack.undoTextChanged(m_stack.undoText());
    Q_EMIT m_stack.canRedoChanged(m_stack.canRedo());
    Q_EMIT m_stack.redoTextChanged(m_stack.redoText());
}

InsertBindingCommand::InsertBindingCommand(FlowDraft &draft,
                                           QUndoStack &stack,
                                           int index,
                                           const Binding &binding)
    : FlowCommand(draft, stack)
    , m_index(index)
    , m_binding(binding)
{
    setText(tr("Add %1").arg(binding.displayName));
}

void InsertBindingCommand::redo()
{
    if (!m_draft.insert(m_index, m_binding))
        refuse();
}

void InsertBindingCommand::undo()
{
    if (!m_draft.remove(m_index))
        refuse();
}

MoveBindingCommand::MoveBindingCommand(
    FlowDraft &draft, QUndoStack &stack, int from, int to, const QString &name)
    : FlowCommand(draft, stack)
    , m_from(from)
    , m_to(to)
{
    setText(tr("Move %1").arg(name));
}

void MoveBindingCommand::redo()
{
    if (!m_draft.move(m_from, m_to))
        refuse();
}

void MoveBindingCommand::undo()
{
    if (!m_draft.move(m_to, m_from))
        refuse();
}

RemoveBindingCommand::RemoveBindingCommand(FlowDraft &draft, QUndoStack &stack, int index)
    : FlowCommand(draft, stack)
    , m_index(index)
    , m_binding(draft.bindings().value(index))
{
    setText(tr("Remove %1").arg(m_binding.displayName));
}

void RemoveBindingCommand::redo()
{
    Result<Binding> taken = m_draft.remove(m_index);
    if (taken)
        m_binding = taken.takeValue();
    else
        refuse();
}

void RemoveBindingCommand::undo()
{
    if (!m_draft.insert(m_index, m_binding))
        refuse();
}
