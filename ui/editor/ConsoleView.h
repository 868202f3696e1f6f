#pragma once

#include "core/runtime/ScriptOutcome.h"

#include <QList>
#include <QPlainTextEdit>

/**
 * @brief The console output of a script run (ScriptOutcome::console), read-only: one row per console
 * call with its time since the start of the run, its level and its text.
 *
 * Warnings and errors stand out with a tinted row and a coloured level; the colours follow Theme. Text
 * can be selected and copied. New lines keep the view scrolled to the bottom when it was there.
 */
class ConsoleView : public QPlainTextEdit
{
    Q_OBJECT

public:
    enum class Level
    {
        Log,
        Info,
        Warn,
        Error
    };

    explicit ConsoleView(QWidget *parent = nullptr);

    /// Replaces the lines shown.
    void setLines(const QList<ConsoleLine> &lines);
    /// Adds @p line at the bottom.
    void appendLine(const ConsoleLine &line);
    /// Removes every line.
    void clearLines();
    const QList<ConsoleLine> &lines() const { return m_lines; }

    /// The level named @p level ("warning" counts as warn, "debug" and unknown names as log).
    static Level levelOf(const QString &level);
    /// How a row shows its time: "3.5 ms" under ten milliseconds, "1250 ms" above.
    static QString timeText(double atMs);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void render();
    void insertLine(const ConsoleLine &line);
    QColor levelColor(Level level) const;

    QList<ConsoleLine> m_lines;
};
