// The right-click menu of a grid: the sheet's actions (sheet.ts) with their shortcuts, as in Excel/WPS.
import { useEffect, useRef } from 'react';
import type { SheetActions } from './sheet';

interface Item {
  label: string;
  keys: string;
  run: (() => void) | undefined;
}

export function GridMenu({ at, actions, onClose }: { at: { x: number; y: number }; actions: SheetActions; onClose: (refocus: boolean) => void }) {
  const menu = useRef<HTMLDivElement>(null);
  const items: (Item | null)[] = [
    { label: '复制', keys: 'Ctrl+C', run: actions.copy },
    { label: '粘贴', keys: 'Ctrl+V', run: actions.paste },
    null,
    { label: '向下填充', keys: 'Ctrl+D', run: actions.fillDown },
    { label: '向右填充', keys: 'Ctrl+R', run: actions.fillRight },
    { label: '清除内容', keys: 'Delete', run: actions.clear },
    null,
    { label: '在下方插入行', keys: 'Ctrl+Enter', run: actions.addRow },
    { label: '删除行', keys: '', run: actions.deleteRows },
  ];

  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const outside = (event: Event) => {
      if (!menu.current?.contains(event.target as Node)) onClose(false);
    };
    window.addEventListener('pointerdown', outside, true);
    window.addEventListener('wheel', outside, true);
    window.addEventListener('resize', outside);
    return () => {
      window.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('wheel', outside, true);
      window.removeEventListener('resize', outside);
    };
  }, [onClose]);

  const move = (by: number) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + by + buttons.length) % buttons.length]?.focus();
  };

  // Kept inside the window: a menu opened near the right or bottom edge opens leftwards or upwards.
  const style = { left: Math.min(at.x, window.innerWidth - 220), top: Math.min(at.y, window.innerHeight - 300) };
  return (
    <div
      className="grid-menu"
      role="menu"
      aria-label="表格操作"
      ref={menu}
      style={style}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onClose(true);
        else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          move(e.key === 'ArrowDown' ? 1 : -1);
        }
      }}
    >
      {items.map((item, i) =>
        item ? (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            disabled={!item.run}
            onClick={() => {
              onClose(true);
              item.run?.();
            }}
          >
            <span>{item.label}</span>
            <kbd>{item.keys}</kbd>
          </button>
        ) : (
          <hr key={`separator-${i}`} />
        ),
      )}
    </div>
  );
}
