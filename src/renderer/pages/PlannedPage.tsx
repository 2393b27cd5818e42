// A page whose capability is still being built: it says plainly what will be here, so nobody mistakes it for done.
export interface PlannedPageSpec {
  title: string;
  summary: string;
  items: string[];
}

export function PlannedPage({ spec }: { spec: PlannedPageSpec }) {
  return (
    <section className="page planned">
      <h2>{spec.title}</h2>
      <p className="planned-note">此功能正在开发中，下一版本提供。</p>
      <p>{spec.summary}</p>
      <ul>
        {spec.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
