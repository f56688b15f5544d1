// bench:profile: where helm's time goes when it renders a chart, phase by phase, in helm's own code (the
// pinned helm v4 as a library), with a CPU profile of the whole. The render repeats `runs` times in one
// process, so the medians leave out process start-up, which the floor of `npm run bench` measures.
//
// Usage: go run . <chart> [values files...]   (npm run bench:profile renders the production umbrella)
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"time"

	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
	"sigs.k8s.io/yaml"
)

const runs = 100

func median(d []time.Duration) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	return float64(s[len(s)/2].Microseconds()) / 1000
}

// renderOnce loads the chart, reads the values files, validates and renders, timing each phase.
func renderOnce(chartDir string, files []string) (load, values, render time.Duration, err error) {
	t0 := time.Now()
	ch, err := loader.Load(chartDir)
	if err != nil {
		return
	}
	user := map[string]any{}
	for _, f := range files {
		b, rerr := os.ReadFile(f)
		if rerr != nil {
			return 0, 0, 0, rerr
		}
		m := map[string]any{}
		if err = yaml.Unmarshal(b, &m); err != nil {
			return
		}
		user = util.MergeTables(m, user)
	}
	t1 := time.Now()
	if err = chartutil.ProcessDependencies(ch, user); err != nil {
		return
	}
	// Coalesces the values and validates them against every chart's values.schema.json.
	vals, err := util.ToRenderValues(ch, user, common.ReleaseOptions{Name: "concertmaster", Namespace: "default", IsInstall: true}, common.DefaultCapabilities)
	if err != nil {
		return
	}
	t2 := time.Now()
	if _, err = engine.Render(ch, vals); err != nil {
		return
	}
	return t1.Sub(t0), t2.Sub(t1), time.Since(t2), nil
}

func run(chartDir string, files []string, dir string) error {
	profile := filepath.Join(dir, "cpu.prof")
	out, err := os.Create(profile)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		return err
	}
	var load, values, render []time.Duration
	for range runs {
		l, v, r, err := renderOnce(chartDir, files)
		if err != nil {
			pprof.StopCPUProfile()
			return err
		}
		load, values, render = append(load, l), append(values, v), append(render, r)
	}
	pprof.StopCPUProfile()
	if err := out.Close(); err != nil {
		return err
	}
	fmt.Printf("medians of %d renders of %s in one process (process start-up excluded)\n\n", runs, chartDir)
	fmt.Println("| phase | median ms |")
	fmt.Println("| --- | ---: |")
	fmt.Printf("| load the chart's files and parse its values.yaml files | %.1f |\n", median(load))
	fmt.Printf("| coalesce the values and validate every values.schema.json | %.1f |\n", median(values))
	fmt.Printf("| parse and execute the templates | %.1f |\n", median(render))
	fmt.Println("\nwhere the CPU time goes (cumulative, top 40):")
	top := exec.Command("go", "tool", "pprof", "-top", "-cum", "-nodecount=40", profile)
	top.Stdout, top.Stderr = os.Stdout, os.Stderr
	return top.Run()
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run . <chart> [values files...]")
		os.Exit(2)
	}
	dir, err := os.MkdirTemp("", "cm-helm-profile-")
	if err == nil {
		err = run(os.Args[1], os.Args[2:], dir)
		// The profile lives only as long as the report: nothing is left behind.
		os.RemoveAll(dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:profile:", err)
		os.Exit(1)
	}
}
