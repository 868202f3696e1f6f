#include "ActionCodeArea.h"

#include "ui/common/Form.h"
#include "ui/customactions/SyntaxChecker.h"
#include "ui/editor/CodeEditor.h"
#include "ui/editor/FindBar.h"
#include "ui/editor/JavaScriptHighlighter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

ActionCodeArea::ActionCodeArea(ActionRuntime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_find(new FindBar(m_editor, this))
    , m_syntax(new QLabel(this))
    , m_cursor(new QLabel(this))
    , m_checker(new SyntaxChecker(runtime, m_editor, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_find->setObjectName(QStringLiteral("findBar"));
    m_find->hide();
    layout->addWidget(m_find);
    m_editor->setObjectName(QStringLiteral("codeEditor"));
    m_editor->setAccessibleName(tr("Action code"));
    new JavaScriptHighlighter(m_editor->document());
    layout->addWidget(m_editor, 1);

    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(12);
    m_syntax->setObjectName(QStringLiteral("syntaxStatus"));
    m_syntax->setWordWrap(true);
    m_syntax->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cursor->setObjectName(QStringLiteral("cursorPosition"));
    m_cursor->setProperty("role", QStringLiteral("hint"));
    statusRow->addWidget(m_syntax, 1);
    statusRow->addWidget(m_cursor, 0, Qt::AlignTop);
    layout->addLayout(statusRow);

    connect(m_editor, &CodeEditor::textChanged, this, &ActionCodeArea::edited);
    connect(m_editor, &CodeEditor::cursorPositionChanged, this, &ActionCodeArea::updateCursorPosition);
    connect(
        m_checker, &SyntaxChecker::checked, this, [this](ScriptOutcome::Status status, const QString &text) {
            if (status == ScriptOutcome::Status::SyntaxError)
                setStatus(text, QStringLiteral("error"));
            else
                setStatus(tr("No syntax errors"), QStringLiteral("hint"));
        });
    connect(m_checker, &SyntaxChecker::notChecked, this, [this](const QString &reason) {
        setStatus(tr("Syntax not checked. %1").arg(reason), QStringLiteral("hint"));
    });
    updateCursorPosition();
}

QString ActionCodeArea::code() const
{
    return m_editor->toPlainText();
}

void ActionCodeArea::setCode(const QString &code, const QString &fileName)
{
    m_checker->reset();
    m_checker->setFileName(fileName);
    m_editor->setPlainText(code);
    m_editor->setEnabled(true);
    setStatus({}, QStringLiteral("hint"));
    m_checker->checkNow();
}

void ActionCodeArea::clear()
{
    if (!m_find->isHidden())
        m_find->dismiss();
    m_editor->clear();
    m_editor->setEnabled(false);
    m_checker->reset();
    setStatus({}, QStringLiteral("hint"));
}

void ActionCodeArea::checkNow()
{
    m_checker->checkNow();
}

void ActionCodeArea::setStatus(const QString &text, const QString &role)
{
    m_syntax->setText(text);
    m_syntax->setProperty("role", role);
    Form::repolish(m_syntax);
}

void ActionCodeArea::updateCursorPosition()
{
    m_cursor->setText(tr("Ln %1, Col %2").arg(m_editor->cursorLine()).arg(m_editor->cursorColumn()));
}
